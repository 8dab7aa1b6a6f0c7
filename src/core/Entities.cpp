#include "Entities.h"

#include <QStringList>

int MessageStatus::rank(const QString &status)
{
    if (status == Pending)
        return 0;
    if (status == Sending)
        return 1;
    if (status == Sent)
        return 2;
    if (status == Delivered)
        return 3;
    if (status == Read)
        return 4;
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
    static const QStringList list{Pending, Sending, Sent,    Delivered,
                                  Read,    Failed,  Expired, Cancelled};
    return list;
}
