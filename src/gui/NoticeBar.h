#pragma once

#include <QFrame>
#include <QStringList>

class QLabel;
class QPushButton;
class QToolButton;

// A warning strip above the pages for things the operator must know even without a tray
// (offscreen, a desktop without one): what happened, a button that leads to where it can be
// fixed, and a close button. Notices pile up (the newest first, a few shown) until closed.
class NoticeBar : public QFrame
{
    Q_OBJECT
public:
    explicit NoticeBar(QWidget *parent = nullptr);

    void addNotice(const QString &text);
    QStringList notices() const { return m_notices; }
    QString text() const;
    void setActionText(const QString &text);
    QPushButton *actionButton() const { return m_action; }

public Q_SLOTS:
    void dismiss();

Q_SIGNALS:
    void actionTriggered();

private:
    void refreshText();

    QLabel *m_label;
    QPushButton *m_action;
    QToolButton *m_close;
    QStringList m_notices;
};
