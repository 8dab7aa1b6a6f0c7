#pragma once

#include <QVariant>
#include <QWidget>
#include <memory>

namespace Ui {
class SettingsPage;
}
class GuiContext;

// The operator's settings, stored in the database through Settings (so a headless run shares
// them) and applied at once where the services allow it: pacing, QR limits, user agent, region
// and language apply live; the listen address and port at the next start. Values set by
// environment variables are shown but locked.
class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit SettingsPage(GuiContext &context, QWidget *parent = nullptr);
    ~SettingsPage() override;

    // The form's value for a Settings key (what Apply would store).
    QVariant fieldValue(const QString &key) const;
    void setFieldValue(const QString &key, const QVariant &value);
    QString messageText() const;
    QString tokenText() const;

public Q_SLOTS:
    void load();   // form ← Settings
    bool apply();  // Settings ← form; false and a message on the first invalid value
    void regenerateToken();

Q_SIGNALS:
    void languageChanged(const QString &language);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *editorFor(const QString &key) const;
    void showMessage(const QString &text, bool error);

    std::unique_ptr<Ui::SettingsPage> ui;
    GuiContext &m_ctx;
};
