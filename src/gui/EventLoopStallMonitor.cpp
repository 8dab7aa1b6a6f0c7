#include "EventLoopStallMonitor.h"

#include <QCoreApplication>
#include <QEvent>
#include <QMetaEnum>
#include <QMutexLocker>
#include <QThread>
#include <QTimer>
#include <iterator>
#include <utility>

#ifdef Q_OS_UNIX
#include <time.h>
#endif
#ifdef Q_OS_LINUX
#include <QFile>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace {
constexpr qint64 kBucketLimits[] = {20, 50, 100, 250, 500, 1000};
constexpr int kBuckets = int(std::size(kBucketLimits)) + 1;
} // namespace

EventLoopStallMonitor::EventLoopStallMonitor(qint64 thresholdMs, QObject *parent)
    : QObject(parent), m_thresholdMs(thresholdMs), m_timer(new QTimer(this)),
      m_histogram(kBuckets, 0)
{
    // A coarse timer may fire up to 5 % late by design; that is not the loop's fault.
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(kIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &EventLoopStallMonitor::tick);
}

EventLoopStallMonitor::~EventLoopStallMonitor()
{
    stop();
}

void EventLoopStallMonitor::start()
{
    if (m_running.load())
        return;
    reset();
    m_clock.start();
    m_lastTickMs.store(0);
    m_lastTickCpuMs = threadCpuMs();
#ifdef Q_OS_LINUX
    m_threadId = qint64(syscall(SYS_gettid));
#endif
    m_running.store(true);
    QCoreApplication::instance()->installEventFilter(this);
    m_timer->start();
    // The watcher sees a stall while it lasts (the GUI thread cannot report on itself then).
    m_watcher.reset(QThread::create([this]() { watch(); }));
    m_watcher->setObjectName(QStringLiteral("stall-watcher"));
    m_watcher->start();
}

void EventLoopStallMonitor::stop()
{
    if (!m_running.load())
        return;
    tick(); // a stall that lasted until now counts: stop() may run right after blocking work
    m_running.store(false);
    m_timer->stop();
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
    m_watcher->wait();
    m_watcher.reset();
}

bool EventLoopStallMonitor::isRunning() const
{
    return m_running.load();
}

void EventLoopStallMonitor::reset()
{
    QMutexLocker lock(&m_mutex);
    m_maxStallMs = 0;
    m_maxWhere.clear();
    m_maxCpuMs = -1;
    m_ticks = 0;
    m_histogram.fill(0);
    m_stalls.clear();
    m_pendingWhere.clear();
    m_pendingForTick = -1;
    if (m_clock.isValid()) {
        m_lastTickMs.store(m_clock.elapsed()); // the gap before reset() is not this window's
        m_lastTickCpuMs = threadCpuMs();
    }
}

void EventLoopStallMonitor::setPhase(const QString &phase)
{
    QMutexLocker lock(&m_mutex);
    m_phase = phase;
}

bool EventLoopStallMonitor::eventFilter(QObject *watched, QEvent *event)
{
    // Runs for every event of the GUI thread: two relaxed stores, nothing more.
    m_currentClass.store(watched->metaObject(), std::memory_order_relaxed);
    m_currentEvent.store(int(event->type()), std::memory_order_relaxed);
    return false;
}

void EventLoopStallMonitor::tick()
{
    const qint64 now = m_clock.elapsed();
    const qint64 last = m_lastTickMs.exchange(now);
    const qint64 cpu = threadCpuMs();
    const qint64 lastCpu = std::exchange(m_lastTickCpuMs, cpu);
    record(now - last, last, cpu >= 0 && lastCpu >= 0 ? cpu - lastCpu : -1);
}

qint64 EventLoopStallMonitor::threadCpuMs()
{
#ifdef Q_OS_UNIX
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
        return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
#endif
    return -1;
}

void EventLoopStallMonitor::record(qint64 gapMs, qint64 startMs, qint64 cpuMs)
{
    const qint64 stall = qMax<qint64>(0, gapMs - kIntervalMs);
    QMutexLocker lock(&m_mutex);
    ++m_ticks;
    int bucket = 0;
    while (bucket < kBuckets - 1 && stall > kBucketLimits[bucket])
        ++bucket;
    ++m_histogram[bucket];
    QString where = m_pendingForTick == startMs ? m_pendingWhere : QString();
    m_pendingWhere.clear();
    m_pendingForTick = -1;
    if (stall > m_maxStallMs) {
        m_maxStallMs = stall;
        m_maxWhere = where;
        m_maxCpuMs = cpuMs;
    }
    if (stall > m_thresholdMs)
        m_stalls.append({startMs, stall, cpuMs, where, m_phase});
}

void EventLoopStallMonitor::watch()
{
    const QMetaEnum types = QMetaEnum::fromType<QEvent::Type>();
    while (m_running.load()) {
        QThread::msleep(kIntervalMs);
        const qint64 last = m_lastTickMs.load();
        if (m_clock.elapsed() - last <= m_thresholdMs)
            continue;
        QMutexLocker lock(&m_mutex);
        if (m_pendingForTick == last)
            continue; // this stall has been looked at already
        const QMetaObject *cls = m_currentClass.load(std::memory_order_relaxed);
        const int type = m_currentEvent.load(std::memory_order_relaxed);
        const char *typeName = types.valueToKey(type);
        m_pendingWhere = QStringLiteral("%1/%2").arg(
            cls ? QString::fromLatin1(cls->className()) : QString(),
            typeName ? QString::fromLatin1(typeName) : QString::number(type));
        const QString state = threadState();
        if (!state.isEmpty())
            m_pendingWhere += QStringLiteral(" [%1]").arg(state);
        m_pendingForTick = last;
    }
}

qint64 EventLoopStallMonitor::maxStallMs() const
{
    QMutexLocker lock(&m_mutex);
    // A stall still under way counts too (the loop has not ticked since).
    const qint64 ongoing =
        m_running.load() ? qMax<qint64>(0, m_clock.elapsed() - m_lastTickMs.load() - kIntervalMs)
                         : 0;
    return qMax(m_maxStallMs, ongoing);
}

QString EventLoopStallMonitor::maxStallWhere() const
{
    QMutexLocker lock(&m_mutex);
    return m_maxWhere;
}

QString EventLoopStallMonitor::threadState() const
{
#ifdef Q_OS_LINUX
    // Field 3 of stat is the state; wchan names the kernel function a sleeping thread waits
    // in (or "0"). Both are cheap reads of our own process.
    const QString dir = QStringLiteral("/proc/self/task/%1/").arg(m_threadId);
    QFile stat(dir + QStringLiteral("stat"));
    if (m_threadId <= 0 || !stat.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = stat.readAll();
    const int close = line.lastIndexOf(')'); // the name in brackets may hold spaces
    if (close < 0 || close + 2 >= line.size())
        return {};
    const QString state = QString::fromLatin1(line.mid(close + 2, 1));
    QFile wchan(dir + QStringLiteral("wchan"));
    QString waitsIn;
    if (state != QLatin1String("R") && wchan.open(QIODevice::ReadOnly))
        waitsIn = QString::fromLatin1(wchan.readAll()).trimmed();
    return waitsIn.isEmpty() || waitsIn == QLatin1String("0")
               ? state
               : QStringLiteral("%1 %2").arg(state, waitsIn);
#else
    return {};
#endif
}

qint64 EventLoopStallMonitor::maxStallCpuMs() const
{
    QMutexLocker lock(&m_mutex);
    return m_maxCpuMs;
}

QList<EventLoopStallMonitor::Stall> EventLoopStallMonitor::stalls() const
{
    QMutexLocker lock(&m_mutex);
    return m_stalls;
}

qint64 EventLoopStallMonitor::ticks() const
{
    QMutexLocker lock(&m_mutex);
    return m_ticks;
}

QList<qint64> EventLoopStallMonitor::histogram() const
{
    QMutexLocker lock(&m_mutex);
    return m_histogram;
}

QStringList EventLoopStallMonitor::histogramLabels()
{
    QStringList labels;
    for (qint64 limit : kBucketLimits)
        labels << QStringLiteral("≤%1").arg(limit);
    labels << QStringLiteral(">%1").arg(kBucketLimits[kBuckets - 2]);
    return labels;
}

QString EventLoopStallMonitor::histogramText() const
{
    const QList<qint64> counts = histogram();
    const QStringList labels = histogramLabels();
    QStringList parts;
    for (int i = 0; i < kBuckets; ++i)
        parts << QStringLiteral("%1:%2").arg(labels.at(i)).arg(counts.at(i));
    return parts.join(QLatin1Char(' '));
}
