#pragma once

#include <QString>
#include <atomic>
#include <optional>

// The one phone normaliser used everywhere (api.md): libphonenumber, E.164 digits without '+'.
// "08031234567" with region NG → "2348031234567"; "+14155550123" → "14155550123".
// Numbers libphonenumber does not consider valid are refused (nullopt). Input may carry spaces,
// dashes, dots, parentheses, a leading '+' or "00"; digits that are no valid national number
// of the region are read as international when they are exactly E.164, so our own output
// ("14155550123") round-trips. Digits alone are ambiguous: when they are also a valid national
// number of the region, that reading wins ("35234567" in region NG is Nigerian, not
// Luxembourg's +352 34567), because people type national numbers without a '+' every day.
// Our output with a '+' always reads back as itself.
class PhoneNormalizer
{
public:
    // region: ISO 3166 alpha-2, e.g. "NG". Thread-safe (libphonenumber's util is a singleton).
    explicit PhoneNormalizer(QString defaultRegion = QStringLiteral("NG"));
    PhoneNormalizer(const PhoneNormalizer &other);
    PhoneNormalizer &operator=(const PhoneNormalizer &other);
    // Safe while other threads normalise (the region is held atomically).
    void setDefaultRegion(const QString &region);
    QString defaultRegion() const;

    std::optional<QString> normalize(const QString &raw) const;
    std::optional<QString> normalize(const QString &raw, const QString &region) const;
    // True for MOBILE and FIXED_LINE_OR_MOBILE (the US and others cannot tell them apart).
    bool isMobile(const QString &normalizedDigits) const;
    static bool isValidRegion(const QString &region);
    // Whether national-format digits of the region ("0803…" in NG) are checked without
    // libphonenumber's full Parse (see PhoneNormalizer.cpp); same answers either way. When the
    // region is also its calling code's main region, "+<code>…" and "<code>…" are too. For
    // tests and benchmarks.
    static bool hasNationalShortcut(const QString &region);

private:
    // Up to four ASCII letters packed into one word, so that setDefaultRegion() on the GUI
    // thread never races with normalize() on a worker thread.
    std::atomic<quint32> m_region{0};
};
