#pragma once

// Header-only: a real ApiServer (every controller, as the app wires it) over a fresh data
// directory on a loopback port, with one vendor, one user and an active subscription.

#include "ApiControllers.h"
#include "ApiServer.h"
#include "CoreServices.h"
#include "accounts/AppUserStore.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionStore.h"
#include "accounts/VendorAccounts.h"
#include "platform/Clock.h"
#include "security/MemorySecretStore.h"
#include "storage/Database.h"

#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>
#include <memory>

struct BenchEnv
{
    QTemporaryDir dir;
    std::unique_ptr<CoreServices> core;
    std::unique_ptr<ApiServer> server;
    QString apiKey;
    qint64 vendorId = 0;
    qint64 userId = 0;
    quint16 port = 0;

    // maxMessages: the plan's quota (benchmarks that send a lot need a big one).
    void start(int maxMessages = 100000000)
    {
        if (!dir.isValid()) {
            std::fprintf(stderr, "cannot create a temporary directory\n");
            std::exit(2);
        }
        CoreServices::Options options;
        options.dataDir = dir.path();
        options.secrets = std::make_unique<MemorySecretStore>();
        core = std::make_unique<CoreServices>(std::move(options));
        core->open();
        server = std::make_unique<ApiServer>(*core);
        addCoreControllers(*server, *core);
        if (!server->listen(QHostAddress::LocalHost, 0)) {
            std::fprintf(stderr, "listen failed: %s\n", qPrintable(server->errorString()));
            std::exit(2);
        }
        port = server->serverPort();

        const VendorAccounts::Issued issued = core->accounts().registerVendor(
            QStringLiteral("Bench Vendor"), QStringLiteral("bench@example.com"),
            QStringLiteral("bench-password"), QStringLiteral("Bench Ltd"),
            QStringLiteral("08031234567"));
        apiKey = issued.apiKey;
        vendorId = issued.vendor.id;
        AppUser u;
        u.name = QStringLiteral("Bench User");
        u.email = QStringLiteral("user@example.com");
        userId = core->users().create(vendorId, u).id;
        subscribe(userId, maxMessages);
    }

    void subscribe(qint64 appUserId, int maxMessages)
    {
        Plan plan;
        plan.name = QStringLiteral("Bench");
        plan.maxPhoneNumbers = 10;
        plan.maxMessages = maxMessages;
        plan.periodDays = 30;
        const Plan stored = core->plans().create(plan);
        Subscription s;
        s.appUserId = appUserId;
        s.planId = stored.id;
        s.startsAt = Clock::nowMs() - 1000;
        s.endsAt = Clock::nowMs() + 365LL * 24 * 3600 * 1000;
        core->subscriptions().create(s);
    }
};

// "2026-11-25, Linux x86_64, 2 cores" for the one-line results.
inline QByteArray benchMachine()
{
    return QStringLiteral("%1 %2, %3 cores")
        .arg(QSysInfo::prettyProductName(), QSysInfo::currentCpuArchitecture())
        .arg(QThread::idealThreadCount())
        .toUtf8();
}

// Realistic contact lists (issue #12): ../shared/tools/contacts-dataset.py next to the
// repository (or $WAMATOR_DATASET_TOOL) writes `count` contacts, deterministic for a seed, one
// JSON array of `batch` contacts per line, ready to POST to /contacts/:userId/add. With
// $WAMATOR_CONTACTS_DATASET naming a file the tool wrote, that file is read instead.
inline QList<QByteArray> realisticContactBatches(int count, int batch)
{
    QByteArray text;
    const QString file = qEnvironmentVariable("WAMATOR_CONTACTS_DATASET");
    if (!file.isEmpty()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(file));
            std::exit(2);
        }
        text = f.readAll();
    } else {
        QString tool = qEnvironmentVariable("WAMATOR_DATASET_TOOL");
        if (tool.isEmpty())
            tool = QStringLiteral(WAMATOR_SOURCE_DIR "/../shared/tools/contacts-dataset.py");
        QProcess p;
        p.start(QStringLiteral("python3"), {tool, QStringLiteral("--count"), QString::number(count),
                                            QStringLiteral("--batch"), QString::number(batch)});
        if (!p.waitForFinished(-1) || p.exitCode() != 0) {
            std::fprintf(stderr, "%s failed: %s\n", qPrintable(tool),
                         p.readAllStandardError().constData());
            std::exit(2);
        }
        text = p.readAllStandardOutput();
    }
    QList<QByteArray> lines = text.split('\n');
    lines.removeAll(QByteArray());
    return lines;
}
