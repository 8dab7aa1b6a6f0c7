// VoiceConverter (issue #16, voice notes) with the real ffmpeg: a WAV generated here becomes
// OGG/Opus, an OGG/Opus file is used as it is, a file that is no audio and a missing program
// fail with api.md's reasons, and concurrent requests for one file share one conversion.

#include "TestSupport.h"
#include "messaging/VoiceConverter.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QtEndian>

#include <cmath>

namespace {

// Half a second of a 440 Hz tone, 8 kHz mono 16-bit PCM.
QByteArray wavTone()
{
    const int rate = 8000;
    QByteArray pcm;
    for (int i = 0; i < rate / 2; ++i) {
        char le[2];
        qToLittleEndian(qint16(8000 * std::sin(2 * M_PI * 440 * i / rate)), le);
        pcm.append(le, 2);
    }
    QByteArray wav("RIFF");
    auto u32 = [&wav](quint32 v) {
        char b[4];
        qToLittleEndian(v, b);
        wav.append(b, 4);
    };
    auto u16 = [&wav](quint16 v) {
        char b[2];
        qToLittleEndian(v, b);
        wav.append(b, 2);
    };
    u32(quint32(36 + pcm.size()));
    wav += "WAVEfmt ";
    u32(16);
    u16(1);
    u16(1);
    u32(rate);
    u32(rate * 2);
    u16(2);
    u16(16);
    wav += "data";
    u32(quint32(pcm.size()));
    return wav + pcm;
}

bool write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

VoiceConverter::Result convert(VoiceConverter &c, const QString &input)
{
    VoiceConverter::Result out;
    bool done = false;
    c.convert(input, [&](const VoiceConverter::Result &r) {
        out = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 60000))
        out.error = QStringLiteral("test: no answer");
    return out;
}

} // namespace

class TestVoiceConverter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("ffmpeg is not installed (scripts/install-deps)");
    }

    void wavBecomesOggOpus()
    {
        TempDataDir dir;
        const QString input = dir.file(QStringLiteral("tone.bin"));
        QVERIFY(write(input, wavTone()));
        QVERIFY(!VoiceConverter::isOggOpus(input));
        VoiceConverter c;
        // Two callers of the same file while it converts: one conversion, one answer each.
        int answers = 0;
        VoiceConverter::Result second;
        c.convert(input, [&](const VoiceConverter::Result &r) {
            second = r;
            ++answers;
        });
        const VoiceConverter::Result r = convert(c, input);
        QTRY_COMPARE(answers, 1);
        QVERIFY2(r.ok, qPrintable(r.error + QLatin1Char(' ') + r.detail));
        QCOMPARE(r.path, VoiceConverter::outputPathFor(input));
        QVERIFY(VoiceConverter::isOggOpus(r.path));
        QCOMPARE(r.size, QFileInfo(r.path).size());
        QVERIFY(r.size > 0 && r.size < VoiceConverter::kMaxOutputBytes);
        QCOMPARE(second.path, r.path);
        QVERIFY(!QFileInfo::exists(r.path + QStringLiteral(".part")));

        // Converted once: asked again (another message of the batch), the copy is reused,
        // and an OGG/Opus input is sent as it is.
        const qint64 modified = QFileInfo(r.path).lastModified().toMSecsSinceEpoch();
        const VoiceConverter::Result again = convert(c, input);
        QVERIFY(again.ok);
        QCOMPARE(QFileInfo(again.path).lastModified().toMSecsSinceEpoch(), modified);
        const VoiceConverter::Result asIs = convert(c, r.path);
        QVERIFY(asIs.ok);
        QCOMPARE(asIs.path, r.path);
    }

    void notAudioFails()
    {
        TempDataDir dir;
        const QString input = dir.file(QStringLiteral("page.bin"));
        QVERIFY(write(input, QByteArray("<html>not audio</html>")));
        VoiceConverter c;
        const VoiceConverter::Result r = convert(c, input);
        QVERIFY(!r.ok);
        QCOMPARE(r.error, QStringLiteral("voice_conversion_failed"));
        QVERIFY(!r.detail.isEmpty());
        QVERIFY(!QFileInfo::exists(VoiceConverter::outputPathFor(input)));
    }

    void missingProgram()
    {
        TempDataDir dir;
        const QString input = dir.file(QStringLiteral("tone.bin"));
        QVERIFY(write(input, wavTone()));
        VoiceConverter c;
        c.setProgram(dir.file(QStringLiteral("no-such-ffmpeg")));
        const VoiceConverter::Result r = convert(c, input);
        QVERIFY(!r.ok);
        QCOMPARE(r.error, QStringLiteral("voice_converter_missing"));
    }
};

QTEST_GUILESS_MAIN(TestVoiceConverter)
#include "tst_voiceconverter.moc"
