#include "PendingAnswer.h"

#include <QRegularExpression>

std::shared_ptr<PendingAnswer> PendingAnswer::create()
{
    std::shared_ptr<PendingAnswer> p(new PendingAnswer);
    p->m_done.start();
    return p;
}

ApiResponse PendingAnswer::answer()
{
    std::shared_ptr<PendingAnswer> self = shared_from_this();
    return ApiResponse::deferred(m_done.future(), [self] {
        if (self->m_error)
            throw *self->m_error;
        return self->m_build();
    });
}

void PendingAnswer::succeed(std::function<ApiResponse()> build)
{
    if (m_settled)
        return;
    m_settled = true;
    m_build = std::move(build);
    m_done.finish();
}

void PendingAnswer::fail(const DomainError &error)
{
    if (m_settled)
        return;
    m_settled = true;
    m_error = error;
    m_done.finish();
}

DomainError PendingAnswer::sessionError(const QString &code, const QString &message)
{
    const QString text = message.isEmpty() ? code : message;
    if (code == QLatin1String("not_connected"))
        return DomainError::conflict(
            code, text.isEmpty() ? QStringLiteral("the number has no ready session") : text);
    if (code == QLatin1String("not_found"))
        return DomainError(DomainError::Kind::NotFound, code, text);
    if (code == QLatin1String("media_unavailable"))
        return DomainError(DomainError::Kind::Unprocessable, code, text);
    static const QRegularExpression snake(QStringLiteral("^[a-z][a-z0-9_]*$"));
    return DomainError(DomainError::Kind::Unavailable,
                       snake.match(code).hasMatch() ? code : QStringLiteral("session_error"),
                       text.isEmpty() ? QStringLiteral("the WhatsApp page could not do it") : text);
}
