#pragma once

#include "ApiResponse.h"
#include "DomainError.h"

#include <QPromise>
#include <functional>
#include <memory>
#include <optional>

// The answer of a route that waits for a WhatsApp page (SessionManager's operations call back
// later, on this thread: a download through the page, a read receipt, a simulated customer
// writing). The handler returns answer(); the operation's callback settles it once, with the
// answer to build or a DomainError, and the HTTP front writes it then (ApiResponse::deferred),
// serving other requests meanwhile. Shared: the callback and the deferred answer both hold it.
class PendingAnswer : public std::enable_shared_from_this<PendingAnswer>
{
public:
    static std::shared_ptr<PendingAnswer> create();

    // The deferred answer to return from the handler (once).
    ApiResponse answer();
    // `build` runs on the server's thread when the answer is written; it may throw DomainError.
    void succeed(std::function<ApiResponse()> build);
    void fail(const DomainError &error);
    bool settled() const { return m_settled; }

    // The error a session operation's failure code names (SessionManager's Done):
    // not_connected → 409, not_found → 404, media_unavailable → 422, anything else → 503
    // (the page could not do it now; nothing the caller sent was wrong).
    static DomainError sessionError(const QString &code, const QString &message);

private:
    PendingAnswer() = default;

    QPromise<void> m_done;
    std::function<ApiResponse()> m_build;
    std::optional<DomainError> m_error;
    bool m_settled = false;
};
