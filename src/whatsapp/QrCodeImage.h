#pragma once

#include <QImage>
#include <QString>

// Native QR rendering (libqrencode): crisp at any size for the window, PNG data URL for the API.
class QrCodeImage
{
public:
    // One pixel per module plus a 4-module quiet zone; scale with Qt::FastTransformation.
    static QImage render(const QString &text);
    static QImage render(const QString &text, int pixelsPerModule);
    static QString pngDataUrl(const QString &text, int pixelsPerModule = 8);
};
