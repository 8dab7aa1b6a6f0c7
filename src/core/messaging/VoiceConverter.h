#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

// Voice notes are OGG/Opus (what WhatsApp's own voice notes are; the phone plays nothing else as
// a voice note). Any other audio is converted with ffmpeg (Debian's `ffmpeg` package, built
// with libopus): maintained, in every Debian release, and it reads every audio and video
// container and codec a vendor may hand us (MP3, AAC/M4A, WAV, AMR, FLAC, WebM…), where a
// library such as libopusenc alone would need a decoder per input format.
//
// ffmpeg runs as a separate process through QProcess, asynchronously: the event loop (the
// dispatcher, the API) never waits for it. Each conversion has a timeout and an output size
// limit; a file already converted for the batch (same input path) is reused, and concurrent
// requests for the same input share one conversion.
class VoiceConverter : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        bool ok = false;
        QString error;  // voice_conversion_failed | voice_converter_missing
        QString detail; // ffmpeg's own words, for the log
        QString path;   // the OGG/Opus file when ok
        qint64 size = 0;
    };
    using Callback = std::function<void(const Result &)>;

    static constexpr qint64 kMaxOutputBytes = 16 * 1024 * 1024; // WhatsApp's audio limit
    static constexpr int kDefaultTimeoutMs = 120 * 1000;

    explicit VoiceConverter(QObject *parent = nullptr);

    void setProgram(const QString &program) { m_program = program; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // Whether the file is already OGG with an Opus stream (no conversion needed).
    static bool isOggOpus(const QString &path);
    // Where the converted copy of `input` goes.
    static QString outputPathFor(const QString &input);

    // Calls `done` once, asynchronously. An input that is OGG/Opus already is answered as is.
    void convert(const QString &input, Callback done);

private:
    void finish(const QString &input, const Result &result);

    QString m_program;
    int m_timeoutMs = kDefaultTimeoutMs;
    QHash<QString, QList<Callback>> m_waiting; // input path → callers of its conversion
};
