// R2: TemplateRenderer::render on hostile templates and values. Input: template text, NUL,
// metadata JSON, NUL, contact JSON. Properties: a text without "{{" comes back unchanged, and
// values are inserted literally (a value that itself looks like a placeholder is not expanded
// again, so no input makes the output grow without bound).
#include "FuzzInput.h"
#include "messaging/TemplateRenderer.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> parts = fuzz::split(fuzz::bytes(data, size), 3);
    const QString text = QString::fromUtf8(parts.at(0));
    const QJsonObject metadata = QJsonDocument::fromJson(parts.at(1)).object();
    const QJsonObject contact = QJsonDocument::fromJson(parts.at(2)).object();

    const QString out = TemplateRenderer::render(text, metadata, contact);
    if (!text.contains(QLatin1String("{{")) && out != text)
        fuzz::fail("a text without placeholders was changed");

    // Every key bound to a value that is itself a placeholder: output size stays linear.
    QJsonObject selfRef;
    for (const QString &k : metadata.keys())
        selfRef.insert(k, QStringLiteral("{{%1}}{{%1}}").arg(k));
    const QString out2 = TemplateRenderer::render(text, selfRef, selfRef);
    qsizetype longestKey = 0;
    for (const QString &k : metadata.keys())
        longestKey = qMax(longestKey, k.size());
    if (out2.size() > text.size() * (2 * longestKey + 8) + 16)
        fuzz::fail("values were expanded again");

    // The whole input as one template with the text also offered as every value.
    const QString whole = QString::fromUtf8(fuzz::bytes(data, size));
    TemplateRenderer::render(whole, QJsonObject{{QStringLiteral("name"), whole}},
                             QJsonObject{{QStringLiteral("name"), text}});
    return 0;
}
