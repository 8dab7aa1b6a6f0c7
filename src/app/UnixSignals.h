#pragma once

#include <QObject>

class QSocketNotifier;

// SIGTERM/SIGINT/SIGHUP → a Qt signal on the main thread (self-pipe), so a headless service
// stops cleanly: sessions closed, database closed, lock released.
class UnixSignals : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};
