#include "Entities.h"

#include <QStringList>

int MessageStatus::rank(const QString &status)
{
    if (status == Scheduled)
        return 0;
    if (status == Pending)
        return 1;
    if (status == Sending)
        return 2;
    if (status == Sent)
        return 3;
    if (status == Delivered)
        return 4;
    if (status == Read)
        return 5;
    if (status == Failed || status == Expired || status == Cancelled)
        return 100;
    return -1;
}

bool MessageStatus::isTerminal(const QString &status)
{
    return rank(status) >= 100;
}

const QStringList &MessageStatus::all()
{
    static const QStringList list{Scheduled, Pending, Sending, Sent,     Delivered,
                                  Read,      Failed,  Expired, Cancelled};
    return list;
}
