#pragma once

#include <QImage>
#include <QWidget>

// The QR code drawn natively and large: QrCodeImage renders one pixel per module, and this
// widget scales it by the largest whole factor that fits, without smoothing, so every module
// stays a sharp square a phone camera reads from across the desk.
class QrWidget : public QWidget
{
    Q_OBJECT
public:
    explicit QrWidget(QWidget *parent = nullptr);

    void setText(const QString &qr); // empty: shows the placeholder text instead
    QString text() const { return m_text; }
    void setPlaceholder(const QString &text);
    // The code as drawn at `side` pixels (tests decode it; "Copy image" uses it).
    QImage image(int side) const;

    QSize sizeHint() const override { return {360, 360}; }
    QSize minimumSizeHint() const override { return {180, 180}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
    QString m_placeholder;
    QImage m_modules; // one pixel per module, quiet zone included
};
