#pragma once

#include "Entities.h"

#include <QObject>

class QWebEnginePage;

// One WhatsApp number: a named persistent QWebEngineProfile under <data>/profiles/<session-id>/
// and one page, the adapter injected into every navigation, and the state machine of
// architecture.md. Created and owned by SessionManager.
class Session : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Session() override = default;

    virtual qint64 numberId() const = 0;
    virtual qint64 vendorId() const = 0;
    virtual QString sessionId() const = 0;
    virtual bool isSandbox() const = 0;
    virtual QString state() const = 0;
    virtual QString reason() const = 0;
    virtual QString qr() const = 0;
    // For an embedded QWebEngineView in the GUI; owned by the session.
    virtual QWebEnginePage *page() const = 0;

Q_SIGNALS:
    void stateChanged(const QString &state, const QString &reason);
    void qrChanged(const QString &qr);
};
