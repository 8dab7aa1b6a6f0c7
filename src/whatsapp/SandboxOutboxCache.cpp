#include "SandboxOutboxCache.h"

#include <utility>

quint64 SandboxOutboxCache::beginBaseline(qint64 numberId)
{
    Outbox &box = m_outboxes[numberId];
    box = Outbox();
    box.baseline = ++m_copies;
    return box.baseline;
}

void SandboxOutboxCache::applyBaseline(qint64 numberId, quint64 copy, const QJsonArray &copied)
{
    auto it = m_outboxes.find(numberId);
    if (it == m_outboxes.end() || it->baseline != copy)
        return; // a newer copy (the session became ready again) replaces it
    Outbox live = std::move(it.value());
    Outbox box;
    for (const QJsonValue &v : copied) {
        QJsonObject record = v.toObject();
        // "true_<remote>_<id>": the id acks name it by.
        const QString key =
            record.value(QLatin1String("id")).toString().section(QLatin1Char('_'), 2, 2);
        if (key.isEmpty() || box.index.contains(key) || live.index.contains(key))
            continue;
        const int early = live.earlyAcks.value(key, -2);
        if (early > record.value(QLatin1String("ack")).toInt())
            record.insert(QStringLiteral("ack"), early);
        box.index.insert(key, int(box.records.size()));
        box.records.append({key, record});
    }
    for (const Outbox::Entry &entry : std::as_const(live.records)) {
        box.index.insert(entry.key, int(box.records.size()));
        box.records.append(entry);
    }
    it.value() = std::move(box);
}

void SandboxOutboxCache::addRecord(qint64 numberId, const QString &key, QJsonObject record)
{
    if (key.isEmpty())
        return;
    Outbox &box = m_outboxes[numberId];
    if (box.index.contains(key))
        return;
    const int early = box.earlyAcks.take(key);
    if (early > record.value(QLatin1String("ack")).toInt())
        record.insert(QStringLiteral("ack"), early);
    box.index.insert(key, int(box.records.size()));
    box.records.append({key, record});
}

void SandboxOutboxCache::ack(qint64 numberId, const QString &key, int ack)
{
    auto it = m_outboxes.find(numberId);
    if (it == m_outboxes.end())
        return;
    Outbox &box = it.value();
    const auto at = box.index.constFind(key);
    if (at == box.index.cend()) {
        // A restored record the baseline copy has not brought yet.
        if (box.baseline != 0 && ack > box.earlyAcks.value(key, -2))
            box.earlyAcks.insert(key, ack);
        return;
    }
    QJsonObject &record = box.records[at.value()].record;
    if (ack > record.value(QLatin1String("ack")).toInt())
        record.insert(QStringLiteral("ack"), ack);
}

void SandboxOutboxCache::remove(qint64 numberId)
{
    m_outboxes.remove(numberId);
}

QJsonArray SandboxOutboxCache::records(qint64 numberId) const
{
    QJsonArray out;
    const auto it = m_outboxes.constFind(numberId);
    if (it != m_outboxes.cend())
        for (const Outbox::Entry &entry : it->records)
            out.append(entry.record);
    return out;
}
