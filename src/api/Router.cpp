#include "Router.h"

#include <QMetaEnum>
#include <QUrl>

#include <algorithm>

namespace {

QStringList splitPattern(const QString &pattern)
{
    return pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

// "//whatsapp-numbers/x" (an alias api.md keeps for old clients) and "/users/list/" match like
// "/whatsapp-numbers/x" and "/users/list". Segments are split on the still-encoded path and then
// decoded, so an encoded "/" inside a parameter stays inside it.
QStringList splitPath(const QString &encodedPath)
{
    QStringList out;
    const QStringList raw = encodedPath.split(QLatin1Char('/'));
    for (int i = 0; i < raw.size(); ++i) {
        const QString &seg = raw.at(i);
        if (seg.isEmpty()) {
            // Leading duplicates and one trailing slash are tolerated; an empty segment in the
            // middle ("/users//list") is kept so it matches nothing.
            const bool leading = out.isEmpty();
            const bool trailing = i == raw.size() - 1;
            if (leading || trailing)
                continue;
        }
        out << QUrl::fromPercentEncoding(seg.toUtf8());
    }
    return out;
}

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    default:
        return QStringLiteral("UNKNOWN");
    }
}

} // namespace

void Router::add(QHttpServerRequest::Method method, const QString &pattern, Access access,
                 Handler handler)
{
    Q_ASSERT(pattern.startsWith(QLatin1Char('/')));
    m_routes.append(Route{method, pattern, splitPattern(pattern), access, std::move(handler)});
    rebuildLiterals(); // m_routes may have moved: the table points into it
}

void Router::rebuildLiterals()
{
    m_literals.clear();
    for (const Route &route : std::as_const(m_routes)) {
        const bool literal =
            std::none_of(route.segments.cbegin(), route.segments.cend(),
                         [](const QString &s) { return s.startsWith(QLatin1Char(':')); });
        if (!literal)
            continue;
        Literal &entry = m_literals[route.segments.join(QLatin1Char('/'))];
        entry.routes.append({route.method, &route});
        const QString name = methodName(route.method);
        if (!entry.allowedMethods.contains(name))
            entry.allowedMethods << name;
    }
}

Router::Match Router::match(QHttpServerRequest::Method method, const QString &path) const
{
    // Fast path: a path without percent-escapes or inner empty segments that names a literal
    // pattern ("/users/list", "//whatsapp-numbers/x", "/users/list/"). splitPath() would give
    // that pattern's segments, and no pattern with a parameter is as specific, so the answer is
    // the one worked out in rebuildLiterals(). Anything else takes the general way.
    QStringView p(path);
    while (p.startsWith(QLatin1Char('/')))
        p = p.sliced(1);
    if (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    if (!p.contains(QLatin1Char('%')) && !p.endsWith(QLatin1Char('/')) &&
        !p.contains(QLatin1String("//"))) {
        const auto it = m_literals.constFind(p.toString());
        if (it != m_literals.cend()) {
            Match result;
            result.pathExists = true;
            result.allowedMethods = it->allowedMethods;
            for (const auto &candidate : it->routes) {
                if (candidate.first == method) {
                    result.handler = &candidate.second->handler;
                    result.access = candidate.second->access;
                    result.pattern = candidate.second->pattern;
                    break;
                }
            }
            return result;
        }
    }
    return matchGeneral(method, path);
}

Router::Match Router::matchGeneral(QHttpServerRequest::Method method, const QString &path) const
{
    const QStringList segments = splitPath(path);
    Match result;
    const Route *best = nullptr;
    // Specificity: the position of the first parameter segment, literal segments beating
    // parameters left to right ("/contacts/:userId/batch-update" beats "/contacts/:userId/:id").
    auto specificity = [](const Route &r) {
        QList<int> literalMask;
        for (const QString &s : r.segments)
            literalMask << (s.startsWith(QLatin1Char(':')) ? 0 : 1);
        return literalMask;
    };
    // The most specific pattern matching the path decides what the path *is*
    // ("/users/list" is not "/users/:id"); the method then picks among routes of exactly that
    // pattern, and none → 405 ("DELETE /users/list").
    QList<const Route *> candidates;
    for (const Route &route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        bool ok = true;
        for (int i = 0; i < segments.size() && ok; ++i) {
            const QString &p = route.segments.at(i);
            if (p.startsWith(QLatin1Char(':')))
                ok = !segments.at(i).isEmpty();
            else
                ok = p == segments.at(i);
        }
        if (ok)
            candidates << &route;
    }
    QList<int> bestShape;
    for (const Route *route : candidates) {
        const QList<int> shape = specificity(*route);
        if (bestShape.isEmpty() || shape > bestShape)
            bestShape = shape;
    }
    for (const Route *route : candidates) {
        if (specificity(*route) != bestShape)
            continue;
        result.pathExists = true;
        const QString name = methodName(route->method);
        if (!result.allowedMethods.contains(name))
            result.allowedMethods << name;
        if (route->method == method && !best)
            best = route;
    }
    if (best) {
        result.handler = &best->handler;
        result.access = best->access;
        result.pattern = best->pattern;
        for (int i = 0; i < best->segments.size(); ++i) {
            const QString &p = best->segments.at(i);
            if (p.startsWith(QLatin1Char(':')))
                result.params.insert(p.mid(1), segments.at(i));
        }
    }
    return result;
}

QList<QPair<QString, QString>> Router::routes() const
{
    QList<QPair<QString, QString>> out;
    for (const Route &r : m_routes)
        out.append({methodName(r.method), r.pattern});
    return out;
}
