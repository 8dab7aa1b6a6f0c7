#pragma once

// Header-only (the benchmarks include it too): the processes below a pid, read from /proc.
// Chromium's zygotes are the app's children and its renderers are their children, so
// "what belongs to this app" is the whole subtree, not the direct children.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

#include <utility>

namespace proctree {

// The parent pid from /proc/<pid>/stat; the command name may hold spaces and ')' so the
// fields are read after the last ')'. 0 when the process is gone.
inline qint64 parentOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray s = stat.readAll();
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() : 0;
}

// The command line with its NUL separators as spaces.
inline QByteArray commandLine(qint64 pid)
{
    QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
    return cmd.open(QIODevice::ReadOnly) ? cmd.readAll().replace('\0', ' ') : QByteArray();
}

// Every process below `root` (not `root` itself), in breadth-first order.
inline QList<qint64> descendants(qint64 root)
{
    QList<QPair<qint64, qint64>> all; // pid, parent
    const QStringList entries =
        QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &e : entries) {
        bool ok = false;
        const qint64 pid = e.toLongLong(&ok);
        if (ok)
            all.append({pid, parentOf(pid)});
    }
    QList<qint64> out;
    QSet<qint64> frontier{root};
    while (!frontier.isEmpty()) {
        QSet<qint64> next;
        for (const auto &p : std::as_const(all))
            if (frontier.contains(p.second) && !out.contains(p.first)) {
                out << p.first;
                next.insert(p.first);
            }
        frontier = next;
    }
    return out;
}

} // namespace proctree
