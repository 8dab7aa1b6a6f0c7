// ChromiumFlags: the switches `wamator` starts QtWebEngine with, and that an operator's own
// QTWEBENGINE_CHROMIUM_FLAGS wins.
#include "ChromiumFlags.h"
#include "TestSupport.h"

#include <QTest>

class TestChromiumFlags : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsByMode()
    {
        const QByteArray gui = ChromiumFlags::defaults(false);
        const QByteArray headless = ChromiumFlags::defaults(true);
        for (const QByteArray &flags : {gui, headless}) {
            QVERIFY(flags.contains("--disable-background-networking"));
            QVERIFY(flags.contains("--disable-component-update"));
        }
        // The window's live view may use the GPU; offscreen pages never need it.
        QVERIFY(!gui.contains("--disable-gpu"));
        QVERIFY(headless.contains("--disable-gpu"));
    }

    void setsDefaultsWhenUnset()
    {
        const ScopedEnv env("QTWEBENGINE_CHROMIUM_FLAGS", std::nullopt);
        QCOMPARE(ChromiumFlags::apply(true), ChromiumFlags::defaults(true));
        QCOMPARE(qgetenv("QTWEBENGINE_CHROMIUM_FLAGS"), ChromiumFlags::defaults(true));
    }

    void operatorFlagsWin()
    {
        const ScopedEnv env("QTWEBENGINE_CHROMIUM_FLAGS", QByteArray("--lang=fr"));
        QCOMPARE(ChromiumFlags::apply(true), QByteArray("--lang=fr"));
        QCOMPARE(qgetenv("QTWEBENGINE_CHROMIUM_FLAGS"), QByteArray("--lang=fr"));
    }
};

QTEST_GUILESS_MAIN(TestChromiumFlags)
#include "tst_chromiumflags.moc"
