#pragma once

#include "Entities.h"
#include "outbox/SendWindowPolicy.h"

#include <QJsonObject>

// Entity → JSON objects exactly as api.md names them (times ISO-8601 UTC, nulls as null).
// Contacts use ContactJson in core (shared with the GUI's CSV import).
namespace ApiJson {
QJsonObject vendor(const Vendor &v);
QJsonObject user(const AppUser &u);
QJsonObject number(const WhatsAppNumber &n);
// With the warm-up's day and today's count (daily_limit and left_today null: no limit).
QJsonObject number(const WhatsAppNumber &n, const SendWindowPolicy::Allowance &today);
QJsonObject plan(const Plan &p);
QJsonObject subscription(const Subscription &s);
QJsonObject message(const Message &m);
} // namespace ApiJson
