#include "QrWidget.h"

#include "QrCodeImage.h"

#include <QPainter>

QrWidget::QrWidget(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void QrWidget::setText(const QString &qr)
{
    if (qr == m_text)
        return;
    m_text = qr;
    m_modules = qr.isEmpty() ? QImage() : QrCodeImage::render(qr);
    update();
}

void QrWidget::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    update();
}

QImage QrWidget::image(int side) const
{
    if (m_modules.isNull())
        return {};
    const int factor = qMax(1, side / m_modules.width());
    return m_modules.scaled(m_modules.size() * factor, Qt::KeepAspectRatio, Qt::FastTransformation);
}

void QrWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const int side = qMin(width(), height());
    if (m_modules.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                   m_placeholder);
        return;
    }
    const QImage scaled = image(side);
    // A white card behind the code: dark themes would otherwise eat the quiet zone.
    const QRect target(QPoint((width() - scaled.width()) / 2, (height() - scaled.height()) / 2),
                       scaled.size());
    p.fillRect(target, Qt::white);
    p.drawImage(target.topLeft(), scaled);
}
