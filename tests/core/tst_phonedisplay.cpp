// PhoneDisplay: the one place the window writes a stored number for people ("+" + digits).
#include "contacts/PhoneDisplay.h"

#include <QtTest>

class TestPhoneDisplay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void storedDigitsGetThePlus()
    {
        QCOMPARE(PhoneDisplay::e164(QStringLiteral("2348031234567")),
                 QStringLiteral("+2348031234567"));
        QCOMPARE(PhoneDisplay::e164(QStringLiteral("14155550123")), QStringLiteral("+14155550123"));
    }
    void noNumberIsNoText()
    {
        // A lone "+" in a cell or an edit field reads as a broken number.
        QVERIFY(PhoneDisplay::e164(QString()).isEmpty());
        QVERIFY(PhoneDisplay::e164(QStringLiteral("")).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestPhoneDisplay)
#include "tst_phonedisplay.moc"
