#pragma once

#include "Entities.h"

#include <QJsonObject>

// Entity → JSON objects exactly as api.md names them (times ISO-8601 UTC, nulls as null).
// Contacts use ContactJson in core (shared with the GUI's CSV import).
namespace ApiJson {
QJsonObject vendor(const Vendor &v);
QJsonObject user(const AppUser &u);
QJsonObject number(const WhatsAppNumber &n);
QJsonObject plan(const Plan &p);
QJsonObject subscription(const Subscription &s);
QJsonObject message(const Message &m);
} // namespace ApiJson
