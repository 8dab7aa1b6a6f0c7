#pragma once

#include "DomainError.h"

#include <QLoggingCategory>
#include <exception>

// The outbox dispatcher and its parts log under one category (defined in OutboxDispatcher.cpp).
Q_DECLARE_LOGGING_CATEGORY(lcDispatch)

// The dispatcher and its parts run inside the event loop: an exception (a broken database, a
// bug) must not unwind through Qt. Log it and keep serving; the rows stay where the database
// has them.
template <typename F> void dispatchGuarded(const char *what, F &&f)
{
    try {
        f();
    } catch (const DomainError &e) {
        qCCritical(lcDispatch) << what << "failed:" << e.code() << e.message();
    } catch (const std::exception &e) {
        qCCritical(lcDispatch) << what << "failed:" << e.what();
    }
}
