#pragma once

#include <QString>

class CoreServices;

// Seeds a data directory with a believable demo: a vendor with a user, a plan and an active
// subscription, two sandbox numbers, a few hundred contacts and two weeks of delivered
// message history, and a few customers' replies (one of them STOP). Used by the screenshot tool
// (scripts/screenshots) and handy for trying the window without a phone. Only for empty databases:
// throws DomainError Conflict otherwise.
class DemoData
{
public:
    struct Seeded
    {
        qint64 vendorId = 0;
        qint64 userId = 0;
        qint64 readyNumberId = 0; // connect and simulate a scan to make it ready
        qint64 qrNumberId = 0;    // connect and leave it waiting for a scan
        QString apiKey;
    };
    static Seeded seed(CoreServices &core);
};
