#include "messaging/TemplateRenderer.h"

#include <QtTest>

class TestTemplateRenderer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void renders_data();
    void renders();
    void randomTemplatesProperties();
    void boundedOutput();
    void keysAreWhatRenderReplaces();
};

void TestTemplateRenderer::renders_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QJsonObject>("metadata");
    QTest::addColumn<QJsonObject>("contact");
    QTest::addColumn<QString>("expected");

    const QJsonObject meta{{"name", "John"}, {"order", 42}, {"total", 12.5}, {"vip", true}};
    const QJsonObject contact{{"name", "Contact Name"},
                              {"nickname", "Johnny"},
                              {"kids_names", QJsonArray{"Ada", "Ben"}},
                              {"custom_salutation", ""}};

    QTest::newRow("no placeholders") << "Hello there" << meta << contact << "Hello there";
    QTest::newRow("metadata") << "Hello {{name}}, your order is ready!" << meta << contact
                              << "Hello John, your order is ready!";
    QTest::newRow("metadata over contact field") << "{{name}}" << meta << contact << "John";
    QTest::newRow("contact field when no metadata")
        << "Hi {{nickname}}" << meta << contact << "Hi Johnny";
    QTest::newRow("contact field when metadata empty")
        << "Hi {{nickname}}" << QJsonObject{{"nickname", ""}} << contact << "Hi Johnny";
    QTest::newRow("missing key") << "Hi {{unknown}}!" << meta << contact << "Hi !";
    QTest::newRow("fallback used")
        << "Dear {{custom_salutation|customer}}" << meta << contact << "Dear customer";
    QTest::newRow("fallback unused") << "Dear {{name|customer}}" << meta << contact << "Dear John";
    QTest::newRow("fallback for missing") << "{{ nope | friend }}" << meta << contact << "friend";
    QTest::newRow("keys trimmed") << "{{  name  }}" << meta << contact << "John";
    QTest::newRow("repeated keys")
        << "{{name}} {{name}} {{name}}" << meta << contact << "John John John";
    QTest::newRow("adjacent") << "{{name}}{{nickname}}" << meta << contact << "JohnJohnny";
    QTest::newRow("number") << "#{{order}}" << meta << contact << "#42";
    QTest::newRow("decimal") << "{{total}}" << meta << contact << "12.5";
    QTest::newRow("bool") << "{{vip}}" << meta << contact << "true";
    QTest::newRow("array") << "{{kids_names}}" << meta << contact << "Ada, Ben";
    QTest::newRow("unicode value")
        << "Hi {{name}} 👋" << QJsonObject{{"name", QString::fromUtf8("Chíọma 日本 🎉")}}
        << QJsonObject() << QString::fromUtf8("Hi Chíọma 日本 🎉 👋");
    QTest::newRow("unicode key") << QString::fromUtf8("{{prénom}}")
                                 << QJsonObject{{QString::fromUtf8("prénom"), "Zoé"}}
                                 << QJsonObject() << QString::fromUtf8("Zoé");
    QTest::newRow("braces in value not re-expanded")
        << "Hi {{name}}" << QJsonObject{{"name", "{{nickname}}"}} << contact << "Hi {{nickname}}";
    QTest::newRow("placeholder inside a fallback-looking text")
        << "{{x|{{name}}}}" << meta << contact << "{{x|John}}";
    QTest::newRow("unclosed") << "Hello {{name" << meta << contact << "Hello {{name";
    QTest::newRow("unclosed after placeholder")
        << "{{name}} and {{nick" << meta << contact << "John and {{nick";
    QTest::newRow("single braces") << "{name} }}" << meta << contact << "{name} }}";
    QTest::newRow("triple braces") << "{{{name}}}" << meta << contact << "{John}";
    QTest::newRow("stray open before placeholder")
        << "a {{ b {{name}} c" << meta << contact << "a {{ b John c";
    QTest::newRow("empty key") << "x{{}}y" << meta << contact << "xy";
    QTest::newRow("empty template") << "" << meta << contact << "";
    QTest::newRow("null metadata value falls to contact")
        << "{{nickname}}" << QJsonObject{{"nickname", QJsonValue::Null}} << contact << "Johnny";
}

void TestTemplateRenderer::renders()
{
    QFETCH(QString, text);
    QFETCH(QJsonObject, metadata);
    QFETCH(QJsonObject, contact);
    QFETCH(QString, expected);
    QCOMPARE(TemplateRenderer::render(text, metadata, contact), expected);
    // Parsed once, rendered for many recipients (the composer): the same output every time,
    // and the same keys.
    const TemplateRenderer::Parsed parsed = TemplateRenderer::parse(text);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(TemplateRenderer::render(parsed, metadata, contact, 1 << 20), expected);
    QCOMPARE(TemplateRenderer::keys(parsed), TemplateRenderer::keys(text));
}

void TestTemplateRenderer::randomTemplatesProperties()
{
    // Fuzz-style: random brace soup never crashes; with no values the output is never longer
    // than the template (placeholders only shrink); a value is inserted exactly once per
    // placeholder and never expanded again.
    QRandomGenerator rng(424242);
    const QString alphabet = QStringLiteral("{}|ab ");
    const QJsonObject values{{"a", "{{b}}"}, {"b", "X"}};
    for (int i = 0; i < 20000; ++i) {
        QString t;
        const int len = int(rng.bounded(0, 24));
        for (int j = 0; j < len; ++j)
            t.append(alphabet.at(int(rng.bounded(alphabet.size()))));
        const QString empty = TemplateRenderer::render(t, {}, {});
        QVERIFY2(empty.size() <= t.size(), qPrintable(t));
        const QString once = TemplateRenderer::render(t, values, {});
        // "{{a}}" becomes "{{b}}" literally: rendering never produced "X" unless the template
        // had a b placeholder of its own.
        if (!t.contains(QLatin1Char('b')))
            QVERIFY2(!once.contains(QLatin1Char('X')),
                     qPrintable(t + QStringLiteral(" -> ") + once));
    }
    QCOMPARE(TemplateRenderer::render(QStringLiteral("{{a}}"), values, {}),
             QStringLiteral("{{b}}"));
}

// Issue #10 item 3: the output is bounded while it is built. A 1 M-character value repeated
// 1,000 times would be 2 GB of UTF-16 if the renderer built it and measured afterwards; with
// the bound it gives up at the first piece that does not fit.
void TestTemplateRenderer::boundedOutput()
{
    const QJsonObject values{{"a", "12345"}};
    // Exactly at the bound fits, one character over does not.
    QCOMPARE(TemplateRenderer::render(QStringLiteral("x{{a}}y"), values, {}, 7).value_or(QString()),
             QStringLiteral("x12345y"));
    QVERIFY(!TemplateRenderer::render(QStringLiteral("x{{a}}y"), values, {}, 6));
    QVERIFY(!TemplateRenderer::render(QStringLiteral("x{{a}}"), values, {}, 5));
    QVERIFY(!TemplateRenderer::render(QStringLiteral("{{a}}"), values, {}, 4));
    // Fallbacks and plain templates count too.
    QVERIFY(!TemplateRenderer::render(QStringLiteral("{{z|abcdef}}"), values, {}, 5));
    QVERIFY(!TemplateRenderer::render(QStringLiteral("plain"), values, {}, 4));
    QCOMPARE(TemplateRenderer::render(QStringLiteral("plain"), values, {}, 5).value_or(QString()),
             QStringLiteral("plain"));
    // The contact's fields as well as the metadata.
    QVERIFY(!TemplateRenderer::render(QStringLiteral("{{name}}{{name}}"), {},
                                      QJsonObject{{"name", "abc"}}, 5));

    const QString huge(1000 * 1000, QLatin1Char('v'));
    QString repeated;
    for (int i = 0; i < 1000; ++i)
        repeated += QStringLiteral("{{big}}");
    const std::optional<QString> out =
        TemplateRenderer::render(repeated, QJsonObject{{"big", huge}}, {}, 65536);
    QVERIFY(!out);
    // Under the bound the unbounded overload and the bounded one agree.
    QCOMPARE(TemplateRenderer::render(QStringLiteral("a {{a}} b"), values, {}, 65536)
                 .value_or(QString()),
             TemplateRenderer::render(QStringLiteral("a {{a}} b"), values, {}));
}

void TestTemplateRenderer::keysAreWhatRenderReplaces()
{
    QCOMPARE(TemplateRenderer::keys(QStringLiteral("{{ x {{name}}")),
             QStringList{QStringLiteral("name")});
    QCOMPARE(TemplateRenderer::keys(QStringLiteral("{{a}} {{ b | fb }}{{}}{{|c}} {{a}}")),
             (QStringList{QStringLiteral("a"), QStringLiteral("b"), QString(), QString(),
                          QStringLiteral("a")}));
    QVERIFY(TemplateRenderer::keys(QStringLiteral("no placeholder {{ unclosed")).isEmpty());
    QVERIFY(TemplateRenderer::keys(QString()).isEmpty());
    // Every key keys() names is one render() looks up: a value for each, and nothing else,
    // renders every placeholder.
    const QString t = QStringLiteral("{{ x {{first}} {{ last | ? }} }} {{first}}");
    QJsonObject values;
    for (const QString &k : TemplateRenderer::keys(t))
        values.insert(k, k.toUpper());
    QCOMPARE(TemplateRenderer::render(t, values, {}), QStringLiteral("{{ x FIRST LAST }} FIRST"));
}

QTEST_GUILESS_MAIN(TestTemplateRenderer)
#include "tst_templaterenderer.moc"
