#include "NoticeBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace {
constexpr int kShown = 3; // more would push the page down; the rest are counted
}

NoticeBar::NoticeBar(QWidget *parent)
    : QFrame(parent), m_label(new QLabel(this)), m_action(new QPushButton(this)),
      m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("noticeBar"));
    setStyleSheet(QStringLiteral("QFrame#noticeBar { background: #fce8e6; border: 1px solid "
                                 "#f28b82; border-radius: 6px; } QLabel { color: #a50e0e; }"));
    m_label->setObjectName(QStringLiteral("noticeText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_action->setObjectName(QStringLiteral("noticeAction"));
    m_close->setObjectName(QStringLiteral("noticeClose"));
    m_close->setText(QStringLiteral("✕"));
    m_close->setAutoRaise(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_action);
    layout->addWidget(m_close);
    connect(m_action, &QPushButton::clicked, this, &NoticeBar::actionTriggered);
    connect(m_close, &QToolButton::clicked, this, &NoticeBar::dismiss);
    hide();
}

void NoticeBar::addNotice(const QString &text)
{
    m_notices.prepend(text);
    refreshText();
    show();
}

QString NoticeBar::text() const
{
    return m_label->text();
}

void NoticeBar::setActionText(const QString &text)
{
    m_action->setText(text);
}

void NoticeBar::dismiss()
{
    m_notices.clear();
    hide();
}

void NoticeBar::refreshText()
{
    QStringList lines = m_notices.mid(0, kShown);
    if (m_notices.size() > kShown)
        lines << tr("… and %n more.", nullptr, int(m_notices.size() - kShown));
    m_label->setText(lines.join(QLatin1Char('\n')));
    m_close->setToolTip(tr("Close"));
}
