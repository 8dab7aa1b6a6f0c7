#include "PlainMessageBox.h"

QMessageBox::StandardButton PlainMessageBox::question(QWidget *parent, const QString &title,
                                                      const QString &text,
                                                      QMessageBox::StandardButtons buttons,
                                                      QMessageBox::StandardButton defaultButton)
{
    return exec(parent, QMessageBox::Question, title, text, buttons, defaultButton);
}

QMessageBox::StandardButton PlainMessageBox::warning(QWidget *parent, const QString &title,
                                                     const QString &text,
                                                     QMessageBox::StandardButtons buttons,
                                                     QMessageBox::StandardButton defaultButton)
{
    return exec(parent, QMessageBox::Warning, title, text, buttons, defaultButton);
}

QMessageBox::StandardButton PlainMessageBox::information(QWidget *parent, const QString &title,
                                                         const QString &text,
                                                         QMessageBox::StandardButtons buttons,
                                                         QMessageBox::StandardButton defaultButton)
{
    return exec(parent, QMessageBox::Information, title, text, buttons, defaultButton);
}

QMessageBox::StandardButton PlainMessageBox::exec(QWidget *parent, QMessageBox::Icon icon,
                                                  const QString &title, const QString &text,
                                                  QMessageBox::StandardButtons buttons,
                                                  QMessageBox::StandardButton defaultButton)
{
    QMessageBox box(icon, title, text, buttons, parent);
    box.setTextFormat(Qt::PlainText);
    if (defaultButton != QMessageBox::NoButton)
        box.setDefaultButton(defaultButton);
    // As the static QMessageBox functions answer: the button pressed, Escape's if closed.
    const int result = box.exec();
    return box.clickedButton() ? box.standardButton(box.clickedButton())
                               : QMessageBox::StandardButton(result);
}
