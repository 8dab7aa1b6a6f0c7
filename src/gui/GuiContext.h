#pragma once

#include <memory>

class CoreServices;
class SessionManager;
class NumberRegistry;
class MessageComposer;

// What every page needs: the same services the REST API uses. The window creates one and
// hands it to its pages; no page keeps business rules of its own.
class GuiContext
{
public:
    GuiContext(CoreServices &core, SessionManager &sessions);
    ~GuiContext();
    GuiContext(const GuiContext &) = delete;
    GuiContext &operator=(const GuiContext &) = delete;

    CoreServices &core;
    SessionManager &sessions;
    NumberRegistry &numbers();
    MessageComposer &composer();

private:
    std::unique_ptr<NumberRegistry> m_numbers;
    std::unique_ptr<MessageComposer> m_composer;
};
