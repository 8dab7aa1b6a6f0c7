#pragma once

#include "DomainError.h"
#include "storage/Database.h"

#include <QAtomicInteger>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <functional>
#include <optional>

// Runs database work on the thread pool with a connection of its own (Qt SQL connections
// belong to one thread), then hands the result back on the GUI thread. Used for everything
// that could take long on a big database, so the window never freezes.
namespace BackgroundQuery {

template <typename T>
struct Result
{
    std::optional<T> value;
    QString error; // DomainError message, or a generic one
};

inline QString nextConnectionSuffix()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("gui-bg-%1").arg(counter.fetchAndAddRelaxed(1));
}

// `work` gets the connection name; `done` runs on `context`'s thread unless context is gone.
template <typename T>
void run(const Database &database, QObject *context,
         std::function<T(const QString &connection)> work,
         std::function<void(const Result<T> &)> done)
{
    auto *watcher = new QFutureWatcher<Result<T>>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done]() {
        const Result<T> result = watcher->result();
        watcher->deleteLater();
        done(result);
    });
    const Database *db = &database;
    watcher->setFuture(QtConcurrent::run([db, work]() {
        Result<T> result;
        QString connection;
        try {
            connection = db->openThreadConnection(nextConnectionSuffix());
            result.value = work(connection);
        } catch (const DomainError &e) {
            result.error = e.message();
        } catch (const std::exception &e) {
            result.error = QString::fromUtf8(e.what());
        }
        if (!connection.isEmpty())
            Database::closeThreadConnection(connection);
        return result;
    }));
}

} // namespace BackgroundQuery
