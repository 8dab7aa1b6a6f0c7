#include "GuiTestSupport.h"
#include "QrWidget.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

// The native QR code: what the widget paints is sharp (whole pixels per module, no smoothing)
// and decodes back to the exact string WhatsApp Web gave.
class TestQrWidget : public QObject
{
    Q_OBJECT

    static QString decode(const QImage &image)
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("qr.png"));
        if (!image.save(file, "PNG"))
            return {};
        QProcess zbar;
        zbar.start(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), file});
        if (!zbar.waitForFinished(30000))
            return {};
        return QString::fromUtf8(zbar.readAllStandardOutput()).trimmed();
    }

private Q_SLOTS:
    void paintsAScannableCode_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("side");
        // The shape of a WhatsApp Web QR payload: ref, public keys, client id.
        const QString wa = QStringLiteral(
            "2@y8Kx3nLq9V0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1wX2yZ3aB4cD5eF6gH7iJ8kL9mN0==,"
            "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8=,"
            "cGx1Z2h4eXp6eXh3dnV0c3JxcG9ubWxramlo=,AbCdEfGhIjKlMnOp");
        QTest::newRow("whatsapp-sized, large") << wa << 480;
        QTest::newRow("whatsapp-sized, small") << wa << 200;
        QTest::newRow("short") << QStringLiteral("hello wamator") << 300;
    }
    void paintsAScannableCode()
    {
        QFETCH(QString, text);
        QFETCH(int, side);
        QrWidget widget;
        widget.resize(side, side);
        widget.setText(text);
        QCOMPARE(widget.text(), text);
        const QImage painted = widget.grab().toImage();
        QCOMPARE(decode(painted), text);

        const QImage image = widget.image(side);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() <= side);
        // No smoothing: only black and white pixels.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y) & 0xffffff);
        QCOMPARE(colours.size(), 2);
        QCOMPARE(decode(image), text);
    }

    void emptyShowsThePlaceholder()
    {
        QrWidget widget;
        widget.resize(300, 300);
        widget.setPlaceholder(QStringLiteral("Press Connect"));
        QVERIFY(widget.image(300).isNull());
        QVERIFY(decode(widget.grab().toImage()).isEmpty());
        widget.setText(QStringLiteral("x"));
        QVERIFY(!widget.image(300).isNull());
        widget.setText(QString());
        QVERIFY(widget.image(300).isNull());
    }
};

WAMATOR_GUI_TEST_MAIN(TestQrWidget)
#include "tst_qrwidget.moc"
