#include "QrCodeImage.h"

#include <QBuffer>
#include <QByteArray>
#include <qrencode.h>

#include <memory>

namespace {
constexpr int kQuietZone = 4; // modules, as the QR specification asks
}

QImage QrCodeImage::render(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    // 8-bit mode keeps the string byte-exact (commas, '+', '/', '=' of the base64 parts).
    std::unique_ptr<QRcode, void (*)(QRcode *)> code(
        QRcode_encodeData(utf8.size(), reinterpret_cast<const unsigned char *>(utf8.constData()),
                          0, QR_ECLEVEL_M),
        QRcode_free);
    if (!code)
        return {};
    const int width = code->width;
    const int size = width + 2 * kQuietZone;
    QImage image(size, size, QImage::Format_Mono);
    image.setColor(0, qRgb(255, 255, 255));
    image.setColor(1, qRgb(0, 0, 0));
    image.fill(0);
    for (int y = 0; y < width; ++y) {
        const unsigned char *row = code->data + y * width;
        for (int x = 0; x < width; ++x) {
            if (row[x] & 1)
                image.setPixel(x + kQuietZone, y + kQuietZone, 1);
        }
    }
    return image;
}

QImage QrCodeImage::render(const QString &text, int pixelsPerModule)
{
    const QImage base = render(text);
    if (base.isNull() || pixelsPerModule <= 1)
        return base;
    return base.scaled(base.width() * pixelsPerModule, base.height() * pixelsPerModule,
                       Qt::IgnoreAspectRatio, Qt::FastTransformation);
}

QString QrCodeImage::pngDataUrl(const QString &text, int pixelsPerModule)
{
    const QImage image = render(text, pixelsPerModule);
    if (image.isNull())
        return {};
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
}
