#include "QrCodeImage.h"
#include "WebEngineTestSupport.h"

#include <QBuffer>
#include <QtTest>

// QrCodeImage renders with libqrencode; zbarimg (an independent decoder) must read back exactly
// the string that went in.
class TestQrCodeImage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decodesBackToTheSameString_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("whatsapp-shaped")
            << QStringLiteral("2@Xq1y+Fm0qq/ab3ZkLmNoPq==,bm9pc2Ugc3RhdGljIGtleSBwdWJsaWMgMzJi+/=,"
                              "aWRlbnRpdHkga2V5IHB1YmxpYyAzMiBieXRlcyE=,YWR2IHNlY3JldA==,WEB");
        QTest::newRow("short") << QStringLiteral("hello");
        QTest::newRow("long") << QString(600, QLatin1Char('x'));
    }
    void decodesBackToTheSameString()
    {
        QFETCH(QString, text);
        const QImage image = QrCodeImage::render(text, 6);
        QVERIFY(!image.isNull());
        QCOMPARE(WebEngineTestSupport::zbarDecode(image), text);
    }

    void hasAQuietZoneAndIsSquare()
    {
        const QImage image = QrCodeImage::render(QStringLiteral("abc"));
        QCOMPARE(image.width(), image.height());
        // The smallest QR code is 21 modules, plus 4 white modules on each side.
        QVERIFY(image.width() >= 21 + 8);
        for (int i = 0; i < image.width(); ++i) {
            QCOMPARE(image.pixelColor(i, 0), QColor(Qt::white));
            QCOMPARE(image.pixelColor(0, i), QColor(Qt::white));
            QCOMPARE(image.pixelColor(i, 3), QColor(Qt::white));
        }
        // The finder pattern's corner starts right after the quiet zone.
        QCOMPARE(image.pixelColor(4, 4), QColor(Qt::black));
    }

    void scalesByWholeModules()
    {
        const QImage one = QrCodeImage::render(QStringLiteral("abc"));
        const QImage eight = QrCodeImage::render(QStringLiteral("abc"), 8);
        QCOMPARE(eight.width(), one.width() * 8);
        QCOMPARE(eight.pixelColor(4 * 8, 4 * 8), QColor(Qt::black));
        QCOMPARE(eight.pixelColor(4 * 8 - 1, 4 * 8 - 1), QColor(Qt::white));
    }

    void pngDataUrlIsAPngThatDecodes()
    {
        const QString text = QStringLiteral("ref,noise,identity,adv,WEB");
        const QString url = QrCodeImage::pngDataUrl(text);
        QVERIFY(url.startsWith(QLatin1String("data:image/png;base64,")));
        const QByteArray png = QByteArray::fromBase64(url.mid(22).toLatin1());
        QVERIFY(png.startsWith("\x89PNG"));
        QImage image;
        QVERIFY(image.loadFromData(png, "PNG"));
        QCOMPARE(WebEngineTestSupport::zbarDecode(image), text);
    }

    void tooMuchDataGivesANullImage()
    {
        QVERIFY(QrCodeImage::render(QString(8000, QLatin1Char('z'))).isNull());
        QVERIFY(QrCodeImage::pngDataUrl(QString(8000, QLatin1Char('z'))).isEmpty());
    }
};

WAMATOR_WEBENGINE_TEST_MAIN(TestQrCodeImage)
#include "tst_qrcodeimage.moc"
