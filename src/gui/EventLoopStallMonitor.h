#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

class QThread;
class QTimer;

// Records how long the event loop of the thread it lives on (the GUI thread) goes without
// turning: a 10 ms timer ticks there, and every gap between two ticks beyond the interval is a
// stall. A watcher thread looks at the ticks too, so a stall that is still going on is seen,
// and notes which event delivery had begun when it started (the receiver's class and the event
// type: cheap, and usually enough to find the culprit). Used by the window-responsiveness
// benchmark and by the tests that pin "this work runs off the GUI thread"; not in the app.
class EventLoopStallMonitor : public QObject
{
    Q_OBJECT
public:
    struct Stall
    {
        qint64 startMs = 0;    // since start()
        qint64 durationMs = 0; // the gap between ticks minus the timer interval
        // CPU time the thread used during the gap (-1: unknown on this platform). Near
        // durationMs: the thread was working; far below it: waiting (a lock, I/O) or not
        // scheduled at all (a machine busier than it has cores).
        qint64 cpuMs = -1;
        QString where; // "ClassName/EventType" of the delivery under way, if seen
        QString phase; // the label set with setPhase() when the stall began
    };

    // Stalls longer than thresholdMs are kept in stalls(); all of them go to the histogram.
    explicit EventLoopStallMonitor(qint64 thresholdMs = 100, QObject *parent = nullptr);
    ~EventLoopStallMonitor() override;

    void start();
    void stop();
    bool isRunning() const;
    // Forgets what was measured so far (the figures of one action at a time).
    void reset();
    // A label for what the program is doing now; stalls that begin after it carry it.
    void setPhase(const QString &phase);

    qint64 maxStallMs() const;
    QString maxStallWhere() const;
    qint64 maxStallCpuMs() const; // cpuMs of the longest stall
    QList<Stall> stalls() const;
    qint64 ticks() const;
    // Counts of gaps per bucket: ≤ 20, ≤ 50, ≤ 100, ≤ 250, ≤ 500, ≤ 1000, > 1000 ms.
    QList<qint64> histogram() const;
    static QStringList histogramLabels();
    QString histogramText() const;

    static constexpr int kIntervalMs = 10;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void tick();
    void watch();
    void record(qint64 gapMs, qint64 startMs, qint64 cpuMs);
    static qint64 threadCpuMs();
    QString threadState() const; // of the monitored thread, "" where /proc is not there

    const qint64 m_thresholdMs;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
    std::unique_ptr<QThread> m_watcher;
    std::atomic<bool> m_running{false};
    std::atomic<qint64> m_lastTickMs{0};
    qint64 m_lastTickCpuMs = -1; // the monitored thread's only
    qint64 m_threadId = 0;       // the monitored thread's kernel id (Linux)
    // Written by the event filter on the monitored thread, read by the watcher.
    std::atomic<const QMetaObject *> m_currentClass{nullptr};
    std::atomic<int> m_currentEvent{0};

    mutable QMutex m_mutex; // guards everything below
    QString m_phase;
    QString m_pendingWhere; // what the watcher saw during the stall under way
    qint64 m_pendingForTick = -1;
    qint64 m_maxStallMs = 0;
    QString m_maxWhere;
    qint64 m_maxCpuMs = -1;
    qint64 m_ticks = 0;
    QList<qint64> m_histogram;
    QList<Stall> m_stalls;
};
