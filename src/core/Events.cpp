#include "Events.h"

// Written once over the variant: a new event type needs nothing here (Events.h says why).

QJsonObject Events::toJson(const Event &event)
{
    return std::visit([](const auto &e) { return e.toJson(); }, event);
}

qint64 Events::userId(const Event &event)
{
    return std::visit([](const auto &e) { return e.userId; }, event);
}

QLatin1String Events::typeName(const Event &event)
{
    return std::visit([](const auto &e) { return std::decay_t<decltype(e)>::kType; }, event);
}
