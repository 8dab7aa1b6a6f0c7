#include "GuiContext.h"

#include "messaging/MessageComposer.h"
#include "numbers/NumberRegistry.h"

GuiContext::GuiContext(CoreServices &coreServices, SessionManager &sessionManager)
    : core(coreServices), sessions(sessionManager),
      m_numbers(std::make_unique<NumberRegistry>(coreServices)),
      m_composer(std::make_unique<MessageComposer>(coreServices))
{
}

GuiContext::~GuiContext() = default;

NumberRegistry &GuiContext::numbers()
{
    return *m_numbers;
}

MessageComposer &GuiContext::composer()
{
    return *m_composer;
}
