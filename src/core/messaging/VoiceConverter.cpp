#include "messaging/VoiceConverter.h"

#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

VoiceConverter::VoiceConverter(QObject *parent) : QObject(parent) {}

bool VoiceConverter::isOggOpus(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    // RFC 7845: the first Ogg page ("OggS") carries the "OpusHead" identification header.
    const QByteArray head = f.read(64);
    return head.startsWith("OggS") && head.contains("OpusHead");
}

QString VoiceConverter::outputPathFor(const QString &input)
{
    return input + QStringLiteral(".voice.ogg");
}

void VoiceConverter::convert(const QString &input, Callback done)
{
    auto later = [this, done](Result r) {
        QMetaObject::invokeMethod(
            this, [done, r] { done(r); }, Qt::QueuedConnection);
    };
    if (isOggOpus(input)) {
        later({true, {}, {}, input, QFileInfo(input).size()});
        return;
    }
    const QString output = outputPathFor(input);
    if (QFileInfo::exists(output) && isOggOpus(output)) { // converted for an earlier message
        later({true, {}, {}, output, QFileInfo(output).size()});
        return;
    }
    auto waiting = m_waiting.find(input);
    if (waiting != m_waiting.end()) {
        waiting->append(std::move(done));
        return;
    }
    const QString program =
        m_program.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("ffmpeg")) : m_program;
    if (program.isEmpty()) {
        later({false,
               QStringLiteral("voice_converter_missing"),
               QStringLiteral("ffmpeg is not installed (docs/configuration.md)"),
               {},
               0});
        return;
    }
    m_waiting.insert(input, {std::move(done)});

    const QString partial = output + QStringLiteral(".part");
    auto *process = new QProcess(this);
    process->setProgram(program);
    // Mono 48 kHz Opus in OGG, as WhatsApp records voice notes; no video, no metadata (tags of
    // the vendor's file are not the recipient's business). -fs stops a runaway output.
    process->setArguments({QStringLiteral("-nostdin"),
                           QStringLiteral("-hide_banner"),
                           QStringLiteral("-loglevel"),
                           QStringLiteral("error"),
                           QStringLiteral("-y"),
                           QStringLiteral("-i"),
                           input,
                           QStringLiteral("-vn"),
                           QStringLiteral("-map_metadata"),
                           QStringLiteral("-1"),
                           QStringLiteral("-ac"),
                           QStringLiteral("1"),
                           QStringLiteral("-ar"),
                           QStringLiteral("48000"),
                           QStringLiteral("-c:a"),
                           QStringLiteral("libopus"),
                           QStringLiteral("-b:a"),
                           QStringLiteral("32k"),
                           QStringLiteral("-application"),
                           QStringLiteral("voip"),
                           QStringLiteral("-fs"),
                           QString::number(kMaxOutputBytes),
                           QStringLiteral("-f"),
                           QStringLiteral("ogg"),
                           partial});
    process->setProcessChannelMode(QProcess::MergedChannels);
    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    QPointer<VoiceConverter> self(this);
    connect(timer, &QTimer::timeout, process, [process] { process->kill(); });
    connect(process, &QProcess::finished, this,
            [self, process, timer, input, output, partial](int code, QProcess::ExitStatus status) {
                timer->stop();
                const QString said = QString::fromLocal8Bit(process->readAll()).trimmed().left(500);
                process->deleteLater();
                if (!self)
                    return;
                Result r;
                const qint64 size = QFileInfo(partial).size();
                if (status != QProcess::NormalExit || code != 0) {
                    r.error = QStringLiteral("voice_conversion_failed");
                    r.detail = status != QProcess::NormalExit
                                   ? QStringLiteral("ffmpeg stopped (timeout or crash)")
                                   : QStringLiteral("ffmpeg exit %1: %2").arg(code).arg(said);
                } else if (size <= 0 || size >= kMaxOutputBytes || !isOggOpus(partial)) {
                    r.error = QStringLiteral("voice_conversion_failed");
                    r.detail = QStringLiteral("ffmpeg wrote %1 bytes of OGG/Opus").arg(size);
                } else {
                    QFile::remove(output);
                    if (QFile::rename(partial, output)) {
                        r.ok = true;
                        r.path = output;
                        r.size = size;
                    } else {
                        r.error = QStringLiteral("voice_conversion_failed");
                        r.detail = QStringLiteral("cannot rename %1").arg(partial);
                    }
                }
                if (!r.ok)
                    QFile::remove(partial);
                self->finish(input, r);
            });
    connect(process, &QProcess::errorOccurred, this,
            [self, process, timer, input, partial](QProcess::ProcessError error) {
                if (error != QProcess::FailedToStart)
                    return; // finished() follows
                timer->stop();
                process->deleteLater();
                QFile::remove(partial);
                if (self)
                    self->finish(input, {false,
                                         QStringLiteral("voice_converter_missing"),
                                         process->errorString(),
                                         {},
                                         0});
            });
    timer->start(m_timeoutMs);
    process->start();
}

void VoiceConverter::finish(const QString &input, const Result &result)
{
    const QList<Callback> callers = m_waiting.take(input);
    for (const Callback &c : callers)
        c(result);
}
