#include "contacts/PhoneNormalizer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

class TestPhoneNormalizer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void normalizes_data();
    void normalizes();
    void refuses_data();
    void refuses();
    void explicitRegionWins();
    void regionFollowsSetter();
    void mobileTypes_data();
    void mobileTypes();
    void validRegions();
    void repeatedAndConcurrentUse();
    void randomInputProperties();
    void shortcutAgreesWithFullParse();
    void nigerianListAgreesWithFullParse();
    void datasetAgreesWithFullParse();
};

namespace {

// What PhoneNormalizer answers, written with libphonenumber's full Parse only: the national
// reading of the cleaned input, then (for digits alone) the exact E.164 reading. The
// national-format shortcut must never give another answer.
QString referenceNormalize(const QString &cleaned, const QString &region)
{
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    const auto parseValid = [util](const std::string &text, const std::string &r) {
        PhoneNumber number;
        std::string e164;
        if (util->Parse(text, r, &number) == PhoneNumberUtil::NO_PARSING_ERROR
            && util->IsValidNumber(number))
            util->Format(number, PhoneNumberUtil::E164, &e164);
        return QString::fromStdString(e164).remove(QLatin1Char('+'));
    };
    const std::string text = cleaned.toStdString();
    QString out = parseValid(text, region.toStdString());
    if (out.isEmpty() && !cleaned.startsWith(QLatin1Char('+')) && cleaned.size() >= 5) {
        out = parseValid("+" + text, "ZZ");
        if (out != cleaned)
            out.clear();
    }
    return out;
}

} // namespace

void TestPhoneNormalizer::normalizes_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("expected");
    QTest::newRow("NG local") << "08031234567"
                              << "2348031234567";
    QTest::newRow("NG local spaced") << "0803 123 4567"
                                     << "2348031234567";
    QTest::newRow("NG +234") << "+2348031234567"
                             << "2348031234567";
    QTest::newRow("NG +234 formatted") << "+234 (803) 123-4567"
                                       << "2348031234567";
    QTest::newRow("NG 00 prefix") << "002348031234567"
                                  << "2348031234567";
    QTest::newRow("NG digits with cc, no +") << "2348031234567"
                                             << "2348031234567";
    QTest::newRow("surrounding whitespace") << "  08031234567\t"
                                            << "2348031234567";
    QTest::newRow("US +1") << "+14155550123"
                           << "14155550123";
    QTest::newRow("US 00 dotted") << "001.415.555.0123"
                                  << "14155550123";
    QTest::newRow("UK mobile") << "+44 7911 123456"
                               << "447911123456";
    QTest::newRow("DE fixed") << "+49 30 1234567"
                              << "49301234567";
    QTest::newRow("IN mobile") << "+91 98765 43210"
                               << "919876543210";
    // Our own output sent back: E.164 digits without '+', not a national number in NG.
    QTest::newRow("US digits without +") << "14155550123"
                                         << "14155550123";
    QTest::newRow("UK digits without +") << "447911123456"
                                         << "447911123456";
    QTest::newRow("UK digits, 00 form") << "00447911123456"
                                        << "447911123456";
    // Digits alone that are also a valid NG number are Nigerian (api docs); with a '+' or
    // "00" they are Luxembourg's.
    // The example is valid both ways in the metadata of Debian 12's libphonenumber 8.12 and
    // Debian 13's 8.13 (NG's number plan changed between them; few digit strings qualify).
    QTest::newRow("short foreign, +") << "+38689372"
                                      << "38689372";
    QTest::newRow("short foreign, 00") << "0038689372"
                                       << "38689372";
    QTest::newRow("short foreign digits read as NG") << "38689372"
                                                     << "23438689372";
}

void TestPhoneNormalizer::normalizes()
{
    QFETCH(QString, raw);
    QFETCH(QString, expected);
    const PhoneNormalizer n;
    const auto out = n.normalize(raw);
    QVERIFY2(out.has_value(), qPrintable(raw));
    QCOMPARE(*out, expected);
}

void TestPhoneNormalizer::refuses_data()
{
    QTest::addColumn<QString>("raw");
    QTest::newRow("empty") << "";
    QTest::newRow("blank") << "   ";
    QTest::newRow("plus only") << "+";
    QTest::newRow("garbage") << "#*!?";
    QTest::newRow("letters") << "abcdefghij";
    QTest::newRow("vanity letters") << "0803-CALL-ME";
    QTest::newRow("digits and letters") << "0803123456x";
    QTest::newRow("too short") << "0803";
    QTest::newRow("NG unknown prefix") << "09991234567";
    QTest::newRow("NG too long") << "080312345678901";
    QTest::newRow("unknown country code") << "+9991234567";
    QTest::newRow("very long") << QString(5000, QLatin1Char('9'));
    QTest::newRow("very long formatted") << QStringLiteral("+234 ").repeated(400);
    QTest::newRow("two plus") << "++2348031234567";
    QTest::newRow("plus in the middle") << "0803+1234567";
    QTest::newRow("arabic digits") << QString::fromUtf8("٠٨٠٣١٢٣٤٥٦٧");
    // Digits alone read as international only when they are E.164 exactly: Iran's "+98 0312367"
    // would need its trunk 0 dropped (found by fuzz_phone).
    QTest::newRow("trunk 0 after a country code") << "980312367";
}

void TestPhoneNormalizer::refuses()
{
    QFETCH(QString, raw);
    const PhoneNormalizer n;
    const auto out = n.normalize(raw);
    QVERIFY2(!out.has_value(), qPrintable(out.value_or(QString())));
}

void TestPhoneNormalizer::explicitRegionWins()
{
    const PhoneNormalizer n(QStringLiteral("NG"));
    // A US national number means nothing in NG, and the other way round.
    QCOMPARE(
        n.normalize(QStringLiteral("(415) 555-0123"), QStringLiteral("US")).value_or(QString()),
        QStringLiteral("14155550123"));
    QVERIFY(!n.normalize(QStringLiteral("(415) 555-0123")).has_value());
    QVERIFY(!n.normalize(QStringLiteral("08031234567"), QStringLiteral("US")).has_value());
    // A valid national reading wins over the international one: in the US "2015223582" is a
    // US number (New Jersey), in Egypt the same digits are +20 15223582 (valid in the metadata
    // of libphonenumber 8.12 and 8.13).
    QCOMPARE(n.normalize(QStringLiteral("2015223582"), QStringLiteral("US")).value_or(QString()),
             QStringLiteral("12015223582"));
    QCOMPARE(n.normalize(QStringLiteral("2015223582"), QStringLiteral("EG")).value_or(QString()),
             QStringLiteral("2015223582"));
    // International form is independent of the region.
    QCOMPARE(
        n.normalize(QStringLiteral("+2348031234567"), QStringLiteral("us")).value_or(QString()),
        QStringLiteral("2348031234567"));
}

void TestPhoneNormalizer::regionFollowsSetter()
{
    PhoneNormalizer n;
    QCOMPARE(n.defaultRegion(), QStringLiteral("NG"));
    n.setDefaultRegion(QStringLiteral("gb"));
    QCOMPARE(n.defaultRegion(), QStringLiteral("GB"));
    QCOMPARE(n.normalize(QStringLiteral("07911 123456")).value_or(QString()),
             QStringLiteral("447911123456"));
    QVERIFY(!n.normalize(QStringLiteral("08031234567")).has_value());
}

void TestPhoneNormalizer::mobileTypes_data()
{
    QTest::addColumn<QString>("digits");
    QTest::addColumn<bool>("mobile");
    QTest::newRow("NG mobile") << "2348031234567" << true;
    QTest::newRow("UK mobile") << "447911123456" << true;
    // The US cannot tell mobile from fixed line: FIXED_LINE_OR_MOBILE counts as mobile.
    QTest::newRow("US fixed-or-mobile") << "12015550123" << true;
    QTest::newRow("UK landline") << "442079460000" << false;
    QTest::newRow("DE landline") << "49301234567" << false;
    QTest::newRow("invalid") << "2349991234567" << false;
    QTest::newRow("not digits") << "+2348031234567" << false;
    QTest::newRow("empty") << "" << false;
}

void TestPhoneNormalizer::mobileTypes()
{
    QFETCH(QString, digits);
    QFETCH(bool, mobile);
    QCOMPARE(PhoneNormalizer().isMobile(digits), mobile);
}

void TestPhoneNormalizer::validRegions()
{
    QVERIFY(PhoneNormalizer::isValidRegion(QStringLiteral("NG")));
    QVERIFY(PhoneNormalizer::isValidRegion(QStringLiteral("us")));
    QVERIFY(!PhoneNormalizer::isValidRegion(QStringLiteral("XX")));
    QVERIFY(!PhoneNormalizer::isValidRegion(QStringLiteral("ZZ")));
    QVERIFY(!PhoneNormalizer::isValidRegion(QStringLiteral("NGA")));
    QVERIFY(!PhoneNormalizer::isValidRegion(QString()));
}

void TestPhoneNormalizer::repeatedAndConcurrentUse()
{
    // Results are remembered per (region, input): the second answer must equal the first,
    // for valid and invalid input, and the region must be part of what is remembered.
    PhoneNormalizer shared;
    QStringList inputs;
    for (int i = 0; i < 3000; ++i)
        inputs << QStringLiteral("0803%1").arg(1000000 + i)
               << QStringLiteral("0999%1").arg(1000000 + i);
    std::atomic<int> mismatches{0};
    std::atomic<bool> stop{false};
    QThread *flipper = QThread::create([&] {
        // Changes the default region while others normalise with an explicit one.
        for (int i = 0; !stop.load(); ++i)
            shared.setDefaultRegion(i % 2 ? QStringLiteral("GB") : QStringLiteral("NG"));
    });
    flipper->start();
    QList<QThread *> workers;
    for (int t = 0; t < 4; ++t) {
        workers << QThread::create([&] {
            for (int round = 0; round < 2; ++round)
                for (int i = 0; i < inputs.size(); ++i) {
                    const auto got = shared.normalize(inputs.at(i), QStringLiteral("NG"));
                    const bool valid = i % 2 == 0;
                    if (valid != got.has_value() ||
                        (valid && *got != QStringLiteral("234") + inputs.at(i).mid(1)))
                        ++mismatches;
                    const QString region = shared.defaultRegion();
                    if (region != QLatin1String("NG") && region != QLatin1String("GB"))
                        ++mismatches;
                }
        });
        workers.last()->start();
    }
    for (QThread *w : workers) {
        QVERIFY(w->wait(120000));
        delete w;
    }
    stop = true;
    QVERIFY(flipper->wait(10000));
    delete flipper;
    QCOMPARE(mismatches.load(), 0);
    // Same input, other region, other answer.
    QVERIFY(shared.normalize(QStringLiteral("08031234567"), QStringLiteral("NG")).has_value());
    QVERIFY(!shared.normalize(QStringLiteral("08031234567"), QStringLiteral("GB")).has_value());
    // Copies take the region along.
    shared.setDefaultRegion(QStringLiteral("US"));
    PhoneNormalizer copy = shared;
    QCOMPARE(copy.defaultRegion(), QStringLiteral("US"));
    copy = PhoneNormalizer(QStringLiteral("GH"));
    QCOMPARE(copy.defaultRegion(), QStringLiteral("GH"));
}

void TestPhoneNormalizer::randomInputProperties()
{
    // Fuzz-style: random strings of phone-ish characters never crash, and whatever is
    // accepted is 8-15 plain digits that normalise to themselves again (with or without '+').
    QRandomGenerator rng(20261125);
    const QString alphabet = QStringLiteral("0123456789+-() .0123456789x#/");
    PhoneNormalizer n;
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        QString raw;
        const int len = int(rng.bounded(1, 20));
        // Country codes whose plans accept many digit strings, so that enough inputs are valid
        // under every libphonenumber metadata version (NG's alone became too strict in 8.13).
        static const QString prefixes[] = {QStringLiteral("+234"), QStringLiteral("+1"),
                                           QStringLiteral("+44"), QStringLiteral("+20")};
        if (rng.bounded(2))
            raw = prefixes[rng.bounded(4)];
        for (int j = 0; j < len; ++j)
            raw.append(alphabet.at(int(rng.bounded(alphabet.size()))));
        const auto out = n.normalize(raw);
        if (!out)
            continue;
        ++accepted;
        // Valid E.164 numbers run from 7 digits (Norway, Niue, some Austrian numbers) to 15
        // (and libphonenumber accepts a few longer toll-free ones, e.g. Nigeria's).
        QVERIFY2(out->size() >= 7 && out->size() <= 17,
                 qPrintable(raw + QStringLiteral(" -> ") + *out));
        for (const QChar c : *out)
            QVERIFY2(c.isDigit() && c.unicode() < 0x80, qPrintable(*out));
        QCOMPARE(n.normalize(QLatin1Char('+') + *out).value_or(QString()), *out);
        // Digits alone are read in the default region first (NG): only NG's own numbers are
        // sure to come back unchanged without the '+' (+20 30075869 is 0203 007 5869 in Lagos).
        if (out->startsWith(QLatin1String("234")))
            QCOMPARE(n.normalize(*out).value_or(QString()), *out);
    }
    QVERIFY(accepted > 100); // the generator does produce valid numbers
}

void TestPhoneNormalizer::shortcutAgreesWithFullParse()
{
    // Differential: national-format digits around every region's example numbers (valid,
    // nearly valid, too short, too long, prefixes doubled), through PhoneNormalizer and
    // through the plain libphonenumber path, must agree everywhere.
    QVERIFY(PhoneNormalizer::hasNationalShortcut(QStringLiteral("NG")));
    QVERIFY(PhoneNormalizer::hasNationalShortcut(QStringLiteral("gb")));
    QVERIFY(!PhoneNormalizer::hasNationalShortcut(QStringLiteral("XX")));
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    std::set<std::string> regions;
    util->GetSupportedRegions(&regions);
    const PhoneNumberUtil::PhoneNumberType types[] = {
        PhoneNumberUtil::MOBILE, PhoneNumberUtil::FIXED_LINE, PhoneNumberUtil::TOLL_FREE,
        PhoneNumberUtil::PREMIUM_RATE, PhoneNumberUtil::VOIP, PhoneNumberUtil::UAN};
    QRandomGenerator rng(4242);
    const PhoneNormalizer n;
    int compared = 0, shortcutRegions = 0, validShortcutShaped = 0, validCodeShaped = 0;
    for (const std::string &r : regions) {
        const QString region = QString::fromStdString(r);
        if (PhoneNormalizer::hasNationalShortcut(region))
            ++shortcutRegions;
        std::string ndd;
        util->GetNddPrefixForRegion(r, true, &ndd);
        const QString prefix = QString::fromStdString(ndd);
        QStringList inputs;
        for (const auto type : types) {
            PhoneNumber example;
            if (!util->GetExampleNumberForType(r, type, &example))
                continue;
            std::string nsn;
            util->GetNationalSignificantNumber(example, &nsn);
            const QString digits = QString::fromStdString(nsn);
            const QString code = QString::number(example.country_code());
            inputs << prefix + digits << digits << prefix + prefix + digits << code + digits
                   << prefix + digits.left(digits.size() - 1) << prefix + digits + QLatin1Char('7');
            // The calling-code forms, with and without '+' (or "00"), also with the national
            // prefix kept after the code and with a digit too few or too many.
            inputs << QLatin1Char('+') + code + digits << QStringLiteral("00") + code + digits
                   << QLatin1Char('+') + code + prefix + digits << code + prefix + digits
                   << QLatin1Char('+') + code + digits.left(digits.size() - 1)
                   << code + digits.left(digits.size() - 1) << code + digits + QLatin1Char('5')
                   << QLatin1Char('+') + code + digits + QLatin1Char('5');
            for (int k = 0; k < 12; ++k) {
                // Random tails keep the leading digits that select the number's type.
                QString mutated = digits;
                for (int j = qMax(1, int(mutated.size()) - 4); j < mutated.size(); ++j)
                    mutated[j] = QLatin1Char(char('0' + rng.bounded(10)));
                inputs << prefix + mutated;
                if (k % 3 == 0)
                    inputs << code + mutated << QLatin1Char('+') + code + mutated;
            }
        }
        const QString ownCode = QString::number(util->GetCountryCodeForRegion(r));
        for (int k = 0; k < 20; ++k) {
            QString random = prefix;
            const int len = int(rng.bounded(1, 18));
            for (int j = 0; j < len; ++j)
                random.append(QLatin1Char(char('0' + rng.bounded(10))));
            inputs << random;
            // Digits that start with the region's own code: some are also national numbers
            // of the region (the whole then reads nationally, not as "+<digits>").
            inputs << ownCode + random.mid(prefix.size())
                   << QLatin1Char('+') + ownCode + random.mid(prefix.size());
        }
        for (const QString &input : std::as_const(inputs)) {
            // PhoneNormalizer reads a leading "00" as '+' before libphonenumber sees it.
            const QString cleaned = input.startsWith(QLatin1String("00"))
                                        ? QLatin1Char('+') + input.mid(2)
                                        : input;
            const QString expected = referenceNormalize(cleaned, region);
            const QString got = n.normalize(input, region).value_or(QString());
            QVERIFY2(got == expected, qPrintable(region + QLatin1Char(' ') + input + QStringLiteral(": ")
                                                 + got + QStringLiteral(" vs ") + expected));
            if (!expected.isEmpty() && !prefix.isEmpty() && input.startsWith(prefix))
                ++validShortcutShaped;
            if (!expected.isEmpty() && !input.startsWith(prefix))
                ++validCodeShaped;
            ++compared;
        }
    }
    // The comparison covers many regions and many numbers the shortcut can take.
    QVERIFY2(shortcutRegions > 50, qPrintable(QString::number(shortcutRegions)));
    QVERIFY2(validShortcutShaped > 2000, qPrintable(QString::number(validShortcutShaped)));
    QVERIFY2(validCodeShaped > 2000, qPrintable(QString::number(validCodeShaped)));
    QVERIFY(compared > 40000);
}

void TestPhoneNormalizer::nigerianListAgreesWithFullParse()
{
    // Numbers shaped like a real Nigerian contact list (the P3 dataset: every operator
    // prefix, written "0…", "234…" and "+234…"), in NG and in two other regions, plus
    // near-misses (a digit short or long, a doubled code, the trunk 0 kept after the code).
    const QStringList operators = {
        QStringLiteral("701"), QStringLiteral("703"), QStringLiteral("704"), QStringLiteral("705"),
        QStringLiteral("706"), QStringLiteral("708"), QStringLiteral("802"), QStringLiteral("803"),
        QStringLiteral("805"), QStringLiteral("806"), QStringLiteral("807"), QStringLiteral("808"),
        QStringLiteral("809"), QStringLiteral("810"), QStringLiteral("811"), QStringLiteral("812"),
        QStringLiteral("813"), QStringLiteral("814"), QStringLiteral("815"), QStringLiteral("816"),
        QStringLiteral("817"), QStringLiteral("818"), QStringLiteral("901"), QStringLiteral("902"),
        QStringLiteral("903"), QStringLiteral("905"), QStringLiteral("906"), QStringLiteral("907"),
        QStringLiteral("908"), QStringLiteral("909"), QStringLiteral("912"), QStringLiteral("915"),
        QStringLiteral("234"), QStringLiteral("123"), QStringLiteral("100")};
    QRandomGenerator rng(77);
    const PhoneNormalizer n;
    int valid = 0, compared = 0;
    for (int k = 0; k < 4000; ++k) {
        QString tail;
        for (int j = 0; j < 7; ++j)
            tail.append(QLatin1Char(char('0' + rng.bounded(10))));
        const QString nsn = operators.at(int(rng.bounded(int(operators.size())))) + tail;
        const QStringList inputs = {QLatin1Char('0') + nsn,
                                    QStringLiteral("234") + nsn,
                                    QStringLiteral("+234") + nsn,
                                    QStringLiteral("234") + nsn.left(nsn.size() - 1),
                                    QStringLiteral("234") + nsn + QLatin1Char('1'),
                                    QStringLiteral("2340") + nsn,
                                    QStringLiteral("+2340") + nsn,
                                    QStringLiteral("234234") + nsn.left(4)};
        for (const QString &input : inputs) {
            for (const QString &region :
                 {QStringLiteral("NG"), QStringLiteral("GH"), QStringLiteral("US")}) {
                const QString expected = referenceNormalize(input, region);
                const QString got = n.normalize(input, region).value_or(QString());
                QVERIFY2(got == expected,
                         qPrintable(region + QLatin1Char(' ') + input + QStringLiteral(": ") + got +
                                    QStringLiteral(" vs ") + expected));
                valid += expected.isEmpty() ? 0 : 1;
                ++compared;
            }
        }
    }
    QVERIFY2(valid > 20000, qPrintable(QString::number(valid)));
    QCOMPARE(compared, 4000 * 8 * 3);
}

void TestPhoneNormalizer::datasetAgreesWithFullParse()
{
    // The numbers of a contacts-dataset.py list (one JSON array of contacts per line, as
    // bench_p3_import reads it), when WAMATOR_CONTACTS_DATASET names one: every number, in
    // NG, through PhoneNormalizer and through the plain libphonenumber path.
    const QString file = qEnvironmentVariable("WAMATOR_CONTACTS_DATASET");
    if (file.isEmpty())
        QSKIP("WAMATOR_CONTACTS_DATASET is not set");
    QFile f(file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
    const PhoneNormalizer n(QStringLiteral("NG"));
    int compared = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonArray items = QJsonDocument::fromJson(line).array();
        for (const QJsonValue &item : items) {
            const QString raw = item.toObject().value(QStringLiteral("phone_number")).toString();
            const QString expected = referenceNormalize(raw, QStringLiteral("NG"));
            const QString got = n.normalize(raw).value_or(QString());
            QVERIFY2(got == expected, qPrintable(raw + QStringLiteral(": ") + got +
                                                 QStringLiteral(" vs ") + expected));
            ++compared;
        }
    }
    qInfo("%d numbers compared", compared);
    QVERIFY(compared > 0);
}

QTEST_GUILESS_MAIN(TestPhoneNormalizer)
#include "tst_phonenormalizer.moc"
