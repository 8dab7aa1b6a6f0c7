// R2: PhoneNormalizer::normalize on any text. Input: "RR|number" picks region RR, else the
// default NG. Properties: an answer is digits without '+' (bounded), and our own
// output normalises to itself (header promise: stored numbers round-trip).
#include "FuzzInput.h"
#include "PhoneNormalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    static const PhoneNormalizer normalizer(QStringLiteral("NG"));

    QString region = QStringLiteral("NG");
    QByteArray raw = input;
    if (input.size() >= 3 && input.at(2) == '|') {
        region = QString::fromLatin1(input.left(2));
        raw = input.mid(3);
    }
    const QString text = QString::fromUtf8(raw);
    PhoneNormalizer::isValidRegion(region);
    const auto out = normalizer.normalize(text, region);
    normalizer.normalize(text);
    if (!out)
        return 0;
    // libphonenumber's metadata allows some national numbers longer than E.164's 15 digits
    // (NG toll-free "080001331327007" → "23480001331327007"): its own bound is 17 digits of
    // national number after a country code of up to 3.
    if (out->isEmpty() || out->size() > 20) {
        std::fprintf(stderr, "region %s: \"%s\" -> %s\n", qPrintable(region), qPrintable(text),
                     qPrintable(*out));
        fuzz::fail("normalised number is empty or longer than libphonenumber allows");
    }
    for (const QChar c : *out)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            fuzz::fail("normalised number has a character that is not a digit");
    normalizer.isMobile(*out);
    // Known bug (regressions/phone/short_e164_no_round_trip, reported): normalize() reads
    // digits as international only from 8 digits on, so a valid 7-digit E.164 number
    // ("GB|+47 05948" → "4705948") is refused when it comes back. Skipped here so the fuzzer
    // keeps looking for other faults; the regression test (WAMATOR_FUZZ_STRICT=1) fails until
    // it is fixed.
    static const bool strict = qEnvironmentVariableIntValue("WAMATOR_FUZZ_STRICT") == 1;
    if (!strict && out->size() < 8)
        return 0;
    const auto again = normalizer.normalize(*out, region);
    if (!again || *again != *out) {
        std::fprintf(stderr, "region %s: \"%s\" -> %s -> %s\n", qPrintable(region),
                     qPrintable(text), qPrintable(*out), again ? qPrintable(*again) : "(refused)");
        fuzz::fail("normalised number does not normalise to itself");
    }
    return 0;
}
