<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ComposeDialog</name>
    <message numerus="yes">
        <source>… %n more match(es); refine the search or add all.</source>
        <translation>
            <numerusform>… %n more match; refine the search or add all.</numerusform>
            <numerusform>… %n more matches; refine the search or add all.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) chosen</source>
        <translation>
            <numerusform>%n recipient chosen</numerusform>
            <numerusform>%n recipients chosen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queuing %n message(s)…</source>
        <translation>
            <numerusform>Queuing %n message…</numerusform>
            <numerusform>Queuing %n messages…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued.</source>
        <translation>
            <numerusform>%n message queued.</numerusform>
            <numerusform>%n messages queued.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) refused:</source>
        <translation>
            <numerusform>%n recipient refused:</numerusform>
            <numerusform>%n recipients refused:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message numerus="yes">
        <source>Opted out; %n pending message(s) to this contact cancelled.</source>
        <translation>
            <numerusform>Opted out; %n pending message to this contact cancelled.</numerusform>
            <numerusform>Opted out; %n pending messages to this contact cancelled.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n contact</numerusform>
            <numerusform>%n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) match “%1”</source>
        <translation>
            <numerusform>%n contact matches “%1”</numerusform>
            <numerusform>%n contacts match “%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n contacts?</source>
        <translation>
            <numerusform>Delete %n contact?</numerusform>
            <numerusform>Delete %n contacts?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) written to %1.</source>
        <translation>
            <numerusform>%n contact written to %1.</numerusform>
            <numerusform>%n contacts written to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationsPage</name>
    <message numerus="yes">
        <source>%n chat(s)</source>
        <translation>
            <numerusform>%n chat</numerusform>
            <numerusform>%n chats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message numerus="yes">
        <source>The plan&apos;s message quota is exhausted (%n message(s) left in this period).</source>
        <translation>
            <numerusform>The plan&apos;s message quota is exhausted (%n message left in this period).</numerusform>
            <numerusform>The plan&apos;s message quota is exhausted (%n messages left in this period).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>API on http://%1:%2 · %3 of %n number(s) ready · data in %4</source>
        <translation>
            <numerusform>API on http://%1:%2 · %3 of %n number ready · data in %4</numerusform>
            <numerusform>API on http://%1:%2 · %3 of %n numbers ready · data in %4</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessagesPage</name>
    <message numerus="yes">
        <source>%n message(s) cancelled.</source>
        <translation>
            <numerusform>%n message cancelled.</numerusform>
            <numerusform>%n messages cancelled.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Batch %1 — %n message(s)</source>
        <translation>
            <numerusform>Batch %1 — %n message</numerusform>
            <numerusform>Batch %1 — %n messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>… and %n more.</numerusform>
            <numerusform>… and %n more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message numerus="yes">
        <source>This code refreshes in %n second(s).</source>
        <translation>
            <numerusform>This code refreshes in %n second.</numerusform>
            <numerusform>This code refreshes in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WebhookDeliveryModel</name>
    <message numerus="yes">
        <source>Delivery %1 of event %2 (%3): %4 after %n attempt(s).</source>
        <translation>
            <numerusform>Delivery %1 of event %2 (%3): %4 after %n attempt.</numerusform>
            <numerusform>Delivery %1 of event %2 (%3): %4 after %n attempts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WebhooksPage</name>
    <message numerus="yes">
        <source>The newest %n deliveries (narrow the filter to see older ones).</source>
        <translation>
            <numerusform>The newest delivery (narrow the filter to see older ones).</numerusform>
            <numerusform>The newest %n deliveries (narrow the filter to see older ones).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(ies)</source>
        <translation>
            <numerusform>%n delivery</numerusform>
            <numerusform>%n deliveries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s) disabled: events for them are kept. Select one and press Enable to resume delivery from where it stopped.</source>
        <translation>
            <numerusform>%n endpoint disabled: its events are kept. Select it and press Enable to resume delivery from where it stopped.</numerusform>
            <numerusform>%n endpoints disabled: their events are kept. Select one and press Enable to resume delivery from where it stopped.</numerusform>
        </translation>
    </message>
</context>
</TS>
