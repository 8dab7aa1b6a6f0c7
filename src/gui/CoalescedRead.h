#pragma once

#include "BackgroundQuery.h"

#include <functional>

// One background read at a time for a model that reads its rows again on every change
// (ChatListModel, WebhookEndpointModel, WebhookDeliveryModel):
// - request() while a read runs remembers to read once more when it ends: a burst of changes
//   costs at most two reads, never one per change, and the last one sees them all;
// - invalidate() marks the running read stale (the model's choice changed: another vendor,
//   user or filter): its answer is dropped, never shown, and read again for the new choice.
// The model keeps its rows. `makeWork` captures what to read; it is called at each start, so a
// read started again reads the choice of that moment. `canRead` says whether there is
// anything to read (a stale answer is not read again when there is not). `apply` takes a
// current answer, on the context's thread.
template <typename T> class CoalescedRead
{
public:
    using Work = std::function<T(const QString &connection)>;
    using Apply = std::function<void(const BackgroundQuery::Result<T> &)>;

    CoalescedRead(const Database &database, QObject *context, std::function<Work()> makeWork,
                  std::function<bool()> canRead, Apply apply)
        : m_database(database), m_context(context), m_makeWork(std::move(makeWork)),
          m_canRead(std::move(canRead)), m_apply(std::move(apply))
    {
    }
    CoalescedRead(const CoalescedRead &) = delete;
    CoalescedRead &operator=(const CoalescedRead &) = delete;

    void request()
    {
        if (m_reading) {
            m_again = true;
            return;
        }
        start();
    }
    void invalidate()
    {
        ++m_generation;
        m_again = false;
    }
    bool isReading() const { return m_reading; }
    int readsStarted() const { return m_readsStarted; }

private:
    void start()
    {
        const quint64 generation = m_generation;
        m_reading = true;
        m_again = false;
        ++m_readsStarted;
        // `this` is a member of the context: the answer is delivered only while it lives.
        BackgroundQuery::run<T>(m_database, m_context, m_makeWork(),
                                [this, generation](const BackgroundQuery::Result<T> &result) {
                                    m_reading = false;
                                    if (generation != m_generation || m_again) {
                                        if (m_canRead())
                                            start();
                                        return;
                                    }
                                    m_apply(result);
                                });
    }

    const Database &m_database;
    QObject *m_context;
    std::function<Work()> m_makeWork;
    std::function<bool()> m_canRead;
    Apply m_apply;
    quint64 m_generation = 0;
    bool m_reading = false;
    bool m_again = false;
    int m_readsStarted = 0;
};
