#pragma once

#include <QByteArray>
#include <QList>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// Helpers shared by the fuzz targets (header-only: each target is its own small executable).
namespace fuzz {

// The fuzzer's bytes without copying (valid during one LLVMFuzzerTestOneInput call).
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Splits the input at NUL bytes into at most `parts` pieces (the last one takes the rest), so
// one input can drive several arguments and the seeds stay readable.
inline QList<QByteArray> split(const QByteArray &input, int parts)
{
    QList<QByteArray> out;
    qsizetype from = 0;
    while (out.size() < parts - 1) {
        const qsizetype nul = input.indexOf('\0', from);
        if (nul < 0)
            break;
        out << input.mid(from, nul - from);
        from = nul + 1;
    }
    out << input.mid(from);
    while (out.size() < parts)
        out << QByteArray();
    return out;
}

// A broken property is a finding like a crash: abort so libFuzzer saves the input.
[[noreturn]] inline void fail(const char *what)
{
    std::fprintf(stderr, "fuzz property broken: %s\n", what);
    std::abort();
}

} // namespace fuzz
