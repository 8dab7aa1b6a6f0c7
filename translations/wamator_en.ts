<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CampaignsPanel</name>
    <message>
        <source>Pause campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel every message of this batch that is not sent yet?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) cancelled.</source>
        <translation type="unfinished">
            <numerusform>%n message cancelled.</numerusform>
            <numerusform>%n messages cancelled.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Campaigns&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop taking this batch&apos;s messages (one already being sent finishes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cance&amp;l</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the batch&apos;s messages not sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent · %2 delivered · %3 failed of %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatListModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed a reaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reacted %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · opted out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <message>
        <source>New message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;selected ↓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add all &amp;matching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello {{name}}, your order is ready! Use {{key|fallback}} for a default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: https://example.com/receipt.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Caption:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional caption of the file (templates allowed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Template id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional label stored with the messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send f&amp;rom:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1 &lt;%2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any ready number of this user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later, at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opted out: messages to this contact are refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview for %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text and/or file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice note (file URL of the audio)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional name (templates allowed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional address (templates allowed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latitude:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longitude:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card company:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replying to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They will be sent at %1.</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone number *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>08031234567 or +14155550123</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ompany</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Nickname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Salutation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dear Mrs Okafor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer &amp;tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;verage spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opt-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepts &amp;messages (opt-in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Personal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Age group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Africa/Lagos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anni&amp;versary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Children</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Work and interests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Job title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Interests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred &amp;products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Broadcast preference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON object, e.g. {&quot;frequency&quot;: &quot;weekly&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opt-o&amp;ut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History (newest first):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why; required to opt back in (e.g. asked again by phone on 3 May)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opt bac&amp;k in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record opt-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed on the Opt-out tab, where every change is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a date like 1990-05-31.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average spend must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broadcast preference must be a JSON object like {&quot;frequency&quot;: &quot;weekly&quot;}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid phone number for region %2. Use the international form, e.g. +2348031234567.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This user already has a contact with this phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The phone number is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Subscribed:&lt;/b&gt; this contact receives messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Opted out&lt;/b&gt; on %1 by %2: messages to this contact are refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Opted out:&lt;/b&gt; messages to this contact are refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opted in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opted out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No opt-out or opt-in recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opted back in; the reason is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No — opted out %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opt-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search name, email, phone or company (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per page:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page (Ctrl+PgUp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page (Ctrl+PgDown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check on WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching for “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a vendor and a user to see their contacts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1+ contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1+ contacts match “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This user has no connected WhatsApp number to ask through. Connect one on the Sessions page first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on WhatsApp, %2 not, %3 invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check stopped, no connected number left: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the contact %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationModel</name>
    <message>
        <source>Not delivered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↩ Replying to your message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↩ Replying to your message #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↩ Replying to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↩ Replying to an earlier message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed the reaction to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reacted %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted a message for everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(deleted by the customer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You · %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read %1</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;umber:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a chat to see the conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mark as read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send WhatsApp&apos;s read receipt for this chat (blue ticks for the customer), then count its messages as read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ontact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the contact: details, opt-out state and history, opting back in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load &amp;older messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a reply… (Ctrl+Return sends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue the reply through the outbox, with the same rules as POST /messages (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the chats: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the conversation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next reply quotes the selected message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;eact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>React to the selected message with an emoji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove my reaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add to contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the user&apos;s contact list: replies are refused until it is added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opted out on %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opted out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages to this contact are refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a vendor and a user to see who wrote to them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp has not told this sender&apos;s phone number yet (only its @lid id): a reply needs the number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replying to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reaction removal queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reaction %1 queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queuing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply was not queued: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the read receipt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The read receipt was not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked as read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>Import contacts from CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a .csv file exported from a spreadsheet or phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First row is a &amp;header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Separator:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column mapping: choose what each column holds. Name and phone number are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview (first rows):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma (,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semicolon (;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salutation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Children</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opt-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broadcast preference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be read as CSV. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map a column to Name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map a column to Phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is mapped twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added, %2 skipped so far…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled. Contacts saved before cancelling stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read to the end: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows read, %2 contacts added, %3 skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The table lists the first %1 skipped rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvImportWorker</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>Line %1: a quoted field is never closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: more than %2 columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: a field is longer than %2 characters (is this a CSV file?).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions by state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages pending or being sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vendors call this address with their API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 14 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per day by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages queued since %1</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This email address is already used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This phone number is already registered for this vendor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another contact of this user already has this phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This user has no active subscription. Give one on the Plans page first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user&apos;s plan allows no more WhatsApp numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the recipients can be messaged (not in the contact list, opted out or invalid).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many items at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This plan is used by a subscription and cannot be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This number is already connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The phone number of a registered number cannot be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It no longer exists (it may have been deleted meanwhile).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number&apos;s WhatsApp session is not ready: connect it on the Sessions page first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reason is required to opt a contact back in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This vendor already has the most webhook endpoints allowed (10): delete one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL: an http:// or https:// address with a host is needed (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL: this address is not allowed (%1). Private and loopback addresses need the setting webhooks/allow_private_addresses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;API description (OpenAPI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Wamator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Wamator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendors and users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wamator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp session dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook endpoint %1 of %2 was disabled: %3. Its events are kept; enable it on the Webhooks page to resume delivery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook endpoint disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Wamator %1&lt;/h3&gt;&lt;p&gt;Run many WhatsApp numbers from one desktop window, with a local REST API.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Qt WebEngine&lt;/td&gt;&lt;td&gt;%4 (Chromium %5)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SQLite&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libsodium&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libqrencode&lt;/td&gt;&lt;td&gt;%8&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Data folder: %9&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Wamator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageLogModel</name>
    <message>
        <source>Sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a message to contacts of the chosen user (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Batch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a message to see its batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only this &amp;batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel pending messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel pending messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel every message of this batch that is not sent yet?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a vendor and a user first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a vendor and a user first: messages go to that user&apos;s contacts from that user&apos;s numbers.</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NumberDialog</name>
    <message>
        <source>WhatsApp number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone number *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>08031234567 or +14155550123</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbo&amp;x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated WhatsApp (no phone, no ban risk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add WhatsApp number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PairingCodeDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel (use the QR code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link %1 with a code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the phone of %1: open WhatsApp, tap &lt;b&gt;Settings&lt;/b&gt; (or &lt;b&gt;Menu&lt;/b&gt;) → &lt;b&gt;Linked devices&lt;/b&gt; → &lt;b&gt;Link a device&lt;/b&gt; → &lt;b&gt;Link with phone number instead&lt;/b&gt;, and enter this code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking WhatsApp Web for a code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking WhatsApp Web for a new code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the phone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No code: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires in %1:%2 (a new code follows by itself)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name is required.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <source>Plans and subscriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New plan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Give subscription…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xtend one period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push the end date back by the plan period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;nd now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the subscription from now on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active (ended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the plan %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End this subscription now? The user can no longer add numbers or send messages.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by phone, label, vendor or user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No WhatsApp numbers yet. Add one on the Vendors page (choose a vendor, a user, then &quot;Add number&quot;). A sandbox number needs no phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the session (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect with c&amp;ode…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link with phone number instead: a code to type on the phone, no camera needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the page; the login is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log out of WhatsApp and delete this number&apos;s browser data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulate &amp;scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox numbers: act as the phone scanning the QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the phone: WhatsApp → Settings → Linked devices → Link a device, then point the camera at this code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;WhatsApp Web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This number has no live page. Connect it to see WhatsApp Web here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No QR code to scan right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;This Qt WebEngine runs Chromium %1, older than %2.&lt;/b&gt; Real WhatsApp Web may refuse to load in it or stop working; the simulator is not affected. For real numbers use a build on Qt WebEngine 6.10 or newer (see docs/sessions.md). &lt;a href=&quot;dismiss&quot;&gt;Dismiss&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sandbox (simulated WhatsApp, no phone needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent today: %1 · no daily warm-up limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm-up day %1: %2 of %3 sent today, %4 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linking with the code %1 instead of the QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected. Open the WhatsApp Web tab to see the page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for WhatsApp Web to show a QR code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Connect to get a QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect with code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log +%1 out of WhatsApp? Its browser data is deleted and the next connection needs a new QR scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulate scan</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen &amp;address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default &amp;region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending pace (real numbers; sandbox numbers are never paced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pacing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wait between messages like a person would</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum &amp;delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ma&amp;ximum delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Typing time per character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily &amp;cap per number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;QR code timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR &amp;refreshes before giving up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrent &amp;starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator (admin) API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent as the x-admin-token header to the /admin routes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page watchdog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How a number&apos;s WhatsApp page is watched, and recovered when it stops answering or its scripts never load (see docs/sessions.md).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Module API &amp;load timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Heartbeat every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page &amp;hung after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery &amp;attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First recovery &amp;delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Longest recovery delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opt-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A customer whose whole message is one of these words (trimmed, ignoring case and accents) stops receiving the user&apos;s messages, or receives them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opt-out &amp;keywords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated, e.g. STOP, UNSUBSCRIBE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opt-&amp;in keywords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated, e.g. START</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply with a confirmatio&amp;n when a customer opts out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation &amp;message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A template like any message: {{name}} and the other contact fields are filled in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep answers for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether a phone is on WhatsApp is not asked again for this long (checks and sends).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm-up of new numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new real number may send only a few messages a day at first; the limit grows each day. Sends beyond it wait for the next day. Sandbox numbers are exempt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit what new numbers send &amp;per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily &amp;limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day 1, day 2, …, e.g. 20, 30, 50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The limit of each day from the day the number was added; after the last one there is no warm-up limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days counted in time &amp;zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: this computer&apos;s, or e.g. Africa/Lagos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The admin token is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by the environment variable %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent as the x-admin-token header to the /admin routes. Set by WAMATOR_ADMIN_TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent as the x-admin-token header to the /admin routes. Read from the token file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The listen address and port take effect at the next start; everything else applies at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. The new address and port take effect at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved and applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate admin token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a new admin token? Scripts that use the current one stop working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new admin token was generated.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for QR scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authenticated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the QR code was not scanned in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp Web changed; the adapter needs an update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp Web refused this browser engine (too old)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the WhatsApp Web page stopped responding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the page crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>logged out from the phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reloading with cleared caches did not help. Run Wamator on Debian 13 with Qt WebEngine 6.10 (see the README); sandbox numbers are not affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reloading with cleared caches did not help. Connect again; if it keeps hanging, run Wamator on Debian 13 with Qt WebEngine 6.10 (see the README).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install an updated whatsapp-adapter.js in the adapter folder of the data directory (see docs/sessions.md), then connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect again and scan the new QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opted out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in the contact list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message too long for WhatsApp once filled in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keyword from the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REST API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubscriptionDialog</name>
    <message>
        <source>Subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 numbers, %3 messages / %4 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a plan first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end must be in the future.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xternal id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vendor&apos;s own id for this user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quiet hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages are sent between these times, in each recipient&apos;s local time. Messages wait; they do not fail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an email address like name@example.com.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserPicker</name>
    <message>
        <source>&amp;Vendor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All vendors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All users</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VendorDialog</name>
    <message>
        <source>Vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>billing@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Company *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;hone *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+2348031234567</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name is required.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VendorsPage</name>
    <message>
        <source>Vendors and users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show API &amp;key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the vendor&apos;s current API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rotate key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue a new API key; the old one stops working at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users of the vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dele&amp;te</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp numbers of the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add number…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit &amp;label…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in &amp;Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding a number needs an active subscription (Plans page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vendor %1 was created. Give them this API key for the x-api-key header. It can be shown again here at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 with all its users, numbers, contacts and subscriptions? Their sessions are logged out. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vendor&apos;s current API key (header x-api-key):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vendor had no readable key; a new one was issued:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue a new API key? The current key stops working at once; the vendor&apos;s integrations need the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new API key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 with their numbers, contacts and subscriptions? Their sessions are logged out; the message history stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this WhatsApp number? Its session is logged out and its browser data deleted.</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Last answer: HTTP %1 in %2 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next attempt: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer (first bytes): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; next attempt %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error / next attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>webhook-id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebhookDialog</name>
    <message>
        <source>&amp;URL *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All events, including types added later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;nabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit webhook endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New webhook endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every user of the vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabling resumes delivery from where it stopped, in order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one event type.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebhookEndpointModel</name>
    <message>
        <source>Disabled: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failing since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebhookText</name>
    <message>
        <source>All events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact opted out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every delivery failed for 3 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the receiver answered 410 Gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer within 10 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Vendor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add endpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a URL that receives the vendor&apos;s events (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disa&amp;ble</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rotate secret…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new signing secret; the old one keeps signing alongside for 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a signed webhook.test event to this endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliver this event again (same webhook-id), after what is queued for the endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the endpoints: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the deliveries: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable: delivery resumes from where it stopped, in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable: events are still recorded and wait until it is enabled again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No endpoints yet. Add one to have this vendor&apos;s events POSTed to a URL, signed (Standard Webhooks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a vendor first (Vendors and users page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new signing secret of %1. It is shown only now: copy it to the receiver. The previous secret keeps signing alongside for 24 hours, so the receiver can switch without losing an event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signing secret of %1. It is shown only now: copy it to the receiver, which verifies the webhook-signature header with it (any Standard Webhooks library).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint %1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 enabled: delivery resumes from where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 disabled: its events wait until it is enabled again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New signing secret for %1; the previous one signs too for 24 hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test event %1 queued for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test event %1 queued for %2; it leaves when the endpoint is enabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete webhook endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1? Its delivery log and the deliveries still waiting for it go with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint %1 deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event %1 queued again (delivery %2, the same webhook-id).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
