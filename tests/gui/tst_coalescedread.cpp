// CoalescedRead (the window models' background reads) on a real SQLite file and the real
// thread pool: requests during a read cost one more read, not one each; an answer read for an
// older choice is never applied and is read again; nothing is read again when there is nothing
// to read; the answer is not delivered once its model is gone.

#include "CoalescedRead.h"
#include "CoreServices.h"
#include "TestSupport.h"

#include <QSemaphore>
#include <QSqlQuery>
#include <QtTest>

#include <atomic>
#include <memory>

namespace {

// A model in miniature: its "choice" is a number; a read answers the choice it was started
// with, after waiting for the test to let it finish (so a read is surely running meanwhile).
struct Reader : QObject
{
    explicit Reader(const Database &db)
        : read(
              db, this,
              [this]() -> CoalescedRead<int>::Work {
                  const int asked = choice;
                  QSemaphore *gate = &this->gate;
                  std::atomic<int> *started = &this->started;
                  return [asked, gate, started](const QString &connection) {
                      started->fetch_add(1);
                      gate->acquire();
                      QSqlQuery q(QSqlDatabase::database(connection));
                      if (!q.exec(QStringLiteral("SELECT %1").arg(asked)) || !q.next())
                          return -1;
                      return q.value(0).toInt();
                  };
              },
              [this] { return choice > 0; },
              [this](const BackgroundQuery::Result<int> &r) { applied << r.value.value_or(-1); })
    {
    }
    ~Reader() override
    {
        gate.release(100); // a read still waiting finishes before the members go
        QThreadPool::globalInstance()->waitForDone();
    }

    int choice = 1;
    QSemaphore gate;
    std::atomic<int> started{0};
    QList<int> applied;
    CoalescedRead<int> read;
};

} // namespace

class TestCoalescedRead : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestsDuringAReadCostOneMoreRead()
    {
        TempDataDir dir;
        const auto core = makeCoreServices(dir);
        Reader r(core->database());
        r.read.request();
        QTRY_COMPARE(r.started.load(), 1);
        for (int i = 0; i < 10; ++i)
            r.read.request(); // while the first read runs
        QCOMPARE(r.read.readsStarted(), 1);
        r.gate.release(); // the first read ends: its answer is old, one more read starts
        QTRY_COMPARE(r.read.readsStarted(), 2);
        QVERIFY(r.applied.isEmpty());
        r.gate.release();
        QTRY_COMPARE(r.applied, QList<int>{1});
        QVERIFY(!r.read.isReading());
        QCOMPARE(r.read.readsStarted(), 2);
    }

    void anAnswerForAnOlderChoiceIsNeverApplied()
    {
        TempDataDir dir;
        const auto core = makeCoreServices(dir);
        Reader r(core->database());
        r.read.request();
        QTRY_COMPARE(r.started.load(), 1);
        r.choice = 7;
        r.read.invalidate(); // the running read's answer (1) is stale: read again for 7
        r.gate.release(2);
        QTRY_COMPARE(r.applied, QList<int>{7});
        QCOMPARE(r.read.readsStarted(), 2);
    }

    void nothingToReadMeansNoReadAgain()
    {
        TempDataDir dir;
        const auto core = makeCoreServices(dir);
        Reader r(core->database());
        r.read.request();
        QTRY_COMPARE(r.started.load(), 1);
        r.choice = 0; // e.g. the vendor was deselected
        r.read.invalidate();
        r.gate.release(2);
        QTRY_VERIFY(!r.read.isReading());
        QTest::qWait(50);
        QVERIFY(r.applied.isEmpty());
        QCOMPARE(r.read.readsStarted(), 1);
    }

    void noAnswerAfterTheModelIsGone()
    {
        TempDataDir dir;
        const auto core = makeCoreServices(dir);
        auto r = std::make_unique<Reader>(core->database());
        r->read.request();
        QTRY_COMPARE(r->started.load(), 1);
        r->gate.release();
        QThreadPool::globalInstance()->waitForDone(); // the answer is on its way to r
        r.reset();
        QCoreApplication::processEvents(); // nothing applied to the deleted model, no crash
    }
};

QTEST_GUILESS_MAIN(TestCoalescedRead)
#include "tst_coalescedread.moc"
