// R2: PhoneNormalizer::normalize on any text. Input: "RR|number" picks region RR, else the
// default NG. Properties: an answer is E.164 digits without '+' (at most 15), and our own
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
    if (out->isEmpty() || out->size() > 15)
        fuzz::fail("normalised number is empty or longer than E.164 allows");
    for (const QChar c : *out)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            fuzz::fail("normalised number has a character that is not a digit");
    normalizer.isMobile(*out);
    const auto again = normalizer.normalize(*out, region);
    if (!again || *again != *out)
        fuzz::fail("normalised number does not normalise to itself");
    return 0;
}
