<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>CampaignsPanel</name>
    <message>
        <source>Pause campaign</source>
        <translation>Mettre la campagne en pause</translation>
    </message>
    <message>
        <source>Resume campaign</source>
        <translation>Reprendre la campagne</translation>
    </message>
    <message>
        <source>Cancel campaign</source>
        <translation>Annuler la campagne</translation>
    </message>
    <message>
        <source>Cancel every message of this batch that is not sent yet?</source>
        <translation>Annuler tous les messages de ce lot qui ne sont pas encore envoyés ?</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) cancelled.</source>
        <translation>
            <numerusform>%n message annulé.</numerusform>
            <numerusform>%n messages annulés.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Campaigns&lt;/b&gt;</source>
        <translation>&lt;b&gt;Campagnes&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Stop taking this batch&apos;s messages (one already being sent finishes)</source>
        <translation>Ne plus prendre les messages de ce lot (celui déjà en cours d&apos;envoi se termine)</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>Cance&amp;l</source>
        <translation>Ann&amp;uler</translation>
    </message>
    <message>
        <source>Cancel the batch&apos;s messages not sent yet</source>
        <translation>Annuler les messages du lot qui ne sont pas encore envoyés</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Estimated end</source>
        <translation>Fin estimée</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Planifié</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>prévu le %1</translation>
    </message>
    <message>
        <source>%1 sent · %2 delivered · %3 failed of %4</source>
        <translation>%1 envoyés · %2 distribués · %3 en échec sur %4</translation>
    </message>
</context>
<context>
    <name>ChatListModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Removed a reaction</source>
        <translation>A retiré une réaction</translation>
    </message>
    <message>
        <source>Reacted %1</source>
        <translation>A réagi %1</translation>
    </message>
    <message>
        <source>Deleted a message</source>
        <translation>A supprimé un message</translation>
    </message>
    <message>
        <source>%1 · opted out</source>
        <translation>%1 · désinscrit</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>Dernier message</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Non lus</translation>
    </message>
    <message>
        <source>To number</source>
        <translation>Vers le numéro</translation>
    </message>
</context>
<context>
    <name>ComposeDialog</name>
    <message>
        <source>New message</source>
        <translation>Nouveau message</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinataires</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Rechercher des contacts</translation>
    </message>
    <message>
        <source>Add &amp;selected ↓</source>
        <translation>Ajouter la &amp;sélection ↓</translation>
    </message>
    <message>
        <source>Add all &amp;matching</source>
        <translation>Ajouter tous les &amp;résultats</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>Re&amp;tirer</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Message :</translation>
    </message>
    <message>
        <source>Hello {{name}}, your order is ready! Use {{key|fallback}} for a default.</source>
        <translation>Bonjour {{name}}, votre commande est prête ! Utilisez {{key|valeur}} pour une valeur par défaut.</translation>
    </message>
    <message>
        <source>&amp;File URL:</source>
        <translation>URL du &amp;fichier :</translation>
    </message>
    <message>
        <source>Optional: https://example.com/receipt.pdf</source>
        <translation>Facultatif : https://example.com/recu.pdf</translation>
    </message>
    <message>
        <source>&amp;Caption:</source>
        <translation>&amp;Légende :</translation>
    </message>
    <message>
        <source>Optional caption of the file (templates allowed)</source>
        <translation>Légende facultative du fichier (modèles autorisés)</translation>
    </message>
    <message>
        <source>&amp;Template id:</source>
        <translation>Identifiant de &amp;modèle :</translation>
    </message>
    <message>
        <source>Optional label stored with the messages</source>
        <translation>Étiquette facultative enregistrée avec les messages</translation>
    </message>
    <message>
        <source>Send f&amp;rom:</source>
        <translation>Envoyer &amp;depuis :</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Aperçu :</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <source>From %1 &lt;%2&gt;</source>
        <translation>De la part de %1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>Any ready number of this user</source>
        <translation>N&apos;importe quel numéro prêt de cet utilisateur</translation>
    </message>
    <message>
        <source>Opted out: messages to this contact are refused.</source>
        <translation>Désinscrit : les messages à ce contact sont refusés.</translation>
    </message>
    <message numerus="yes">
        <source>… %n more match(es); refine the search or add all.</source>
        <translation>
            <numerusform>… %n autre résultat ; affinez la recherche ou ajoutez tout.</numerusform>
            <numerusform>… %n autres résultats ; affinez la recherche ou ajoutez tout.</numerusform>
        </translation>
    </message>
    <message>
        <source>Preview for %1:</source>
        <translation>Aperçu pour %1 :</translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) chosen</source>
        <translation>
            <numerusform>%n destinataire choisi</numerusform>
            <numerusform>%n destinataires choisis</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued.</source>
        <translation>
            <numerusform>%n message mis en file d&apos;attente.</numerusform>
            <numerusform>%n messages mis en file d&apos;attente.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) refused:</source>
        <translation>
            <numerusform>%n destinataire refusé :</numerusform>
            <numerusform>%n destinataires refusés :</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queuing %n message(s)…</source>
        <translation>
            <numerusform>Mise en file de %n message…</numerusform>
            <numerusform>Mise en file de %n messages…</numerusform>
        </translation>
    </message>
    <message>
        <source>Later, at</source>
        <translation>Plus tard, le</translation>
    </message>
    <message>
        <source>Send:</source>
        <translation>Envoi :</translation>
    </message>
    <message>
        <source>Text and/or file</source>
        <translation>Texte et/ou fichier</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Contact card</source>
        <translation>Fiche de contact</translation>
    </message>
    <message>
        <source>Voice note (file URL of the audio)</source>
        <translation>Message vocal (URL du fichier audio)</translation>
    </message>
    <message>
        <source>Optional name (templates allowed)</source>
        <translation>Nom facultatif (modèles autorisés)</translation>
    </message>
    <message>
        <source>Optional address (templates allowed)</source>
        <translation>Adresse facultative (modèles autorisés)</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;ype :</translation>
    </message>
    <message>
        <source>Latitude:</source>
        <translation>Latitude :</translation>
    </message>
    <message>
        <source>Longitude:</source>
        <translation>Longitude :</translation>
    </message>
    <message>
        <source>Place name:</source>
        <translation>Nom du lieu :</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse :</translation>
    </message>
    <message>
        <source>Card name:</source>
        <translation>Nom sur la fiche :</translation>
    </message>
    <message>
        <source>Card phone:</source>
        <translation>Téléphone sur la fiche :</translation>
    </message>
    <message>
        <source>Card email:</source>
        <translation>E-mail sur la fiche :</translation>
    </message>
    <message>
        <source>Card company:</source>
        <translation>Entreprise sur la fiche :</translation>
    </message>
    <message>
        <source>Replying to:</source>
        <translation>En réponse à :</translation>
    </message>
    <message>
        <source>They will be sent at %1.</source>
        <translation>Ils seront envoyés le %1.</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>&amp;Contact</source>
        <translation>&amp;Contact</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>&amp;Nom *</translation>
    </message>
    <message>
        <source>&amp;Phone number *</source>
        <translation>Numéro de &amp;téléphone *</translation>
    </message>
    <message>
        <source>08031234567 or +14155550123</source>
        <translation>08031234567 ou +14155550123</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>C&amp;ompany</source>
        <translation>&amp;Entreprise</translation>
    </message>
    <message>
        <source>&amp;Nickname</source>
        <translation>&amp;Surnom</translation>
    </message>
    <message>
        <source>&amp;Salutation</source>
        <translation>&amp;Formule d&apos;appel</translation>
    </message>
    <message>
        <source>Dear Mrs Okafor</source>
        <translation>Chère Madame Okafor</translation>
    </message>
    <message>
        <source>Customer &amp;tier</source>
        <translation>&amp;Niveau client</translation>
    </message>
    <message>
        <source>A&amp;verage spend</source>
        <translation>Dépense &amp;moyenne</translation>
    </message>
    <message>
        <source>0.00</source>
        <translation>0,00</translation>
    </message>
    <message>
        <source>Opt-in</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>Accepts &amp;messages (opt-in)</source>
        <translation>Accepte les &amp;messages (consentement)</translation>
    </message>
    <message>
        <source>&amp;Personal</source>
        <translation>&amp;Personnel</translation>
    </message>
    <message>
        <source>&amp;Gender</source>
        <translation>&amp;Genre</translation>
    </message>
    <message>
        <source>&amp;Date of birth</source>
        <translation>&amp;Date de naissance</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
        <source>&amp;Age group</source>
        <translation>&amp;Tranche d&apos;âge</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation>&amp;Fuseau horaire</translation>
    </message>
    <message>
        <source>Africa/Lagos</source>
        <translation>Africa/Lagos</translation>
    </message>
    <message>
        <source>&amp;Partner</source>
        <translation>&amp;Conjoint</translation>
    </message>
    <message>
        <source>Anni&amp;versary</source>
        <translation>Anni&amp;versaire</translation>
    </message>
    <message>
        <source>&amp;Children</source>
        <translation>&amp;Enfants</translation>
    </message>
    <message>
        <source>Comma-separated names</source>
        <translation>Noms séparés par des virgules</translation>
    </message>
    <message>
        <source>&amp;Pets</source>
        <translation>&amp;Animaux</translation>
    </message>
    <message>
        <source>&amp;Work and interests</source>
        <translation>&amp;Travail et centres d&apos;intérêt</translation>
    </message>
    <message>
        <source>&amp;Job title</source>
        <translation>&amp;Poste</translation>
    </message>
    <message>
        <source>&amp;Industry</source>
        <translation>&amp;Secteur</translation>
    </message>
    <message>
        <source>&amp;Interests</source>
        <translation>&amp;Centres d&apos;intérêt</translation>
    </message>
    <message>
        <source>Comma-separated</source>
        <translation>Séparés par des virgules</translation>
    </message>
    <message>
        <source>Preferred &amp;products</source>
        <translation>&amp;Produits préférés</translation>
    </message>
    <message>
        <source>&amp;Broadcast preference</source>
        <translation>Préférence de &amp;diffusion</translation>
    </message>
    <message>
        <source>JSON object, e.g. {&quot;frequency&quot;: &quot;weekly&quot;}</source>
        <translation>Objet JSON, p. ex. {&quot;frequency&quot;: &quot;weekly&quot;}</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>N&amp;otes</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>Modifier le contact</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nouveau contact</translation>
    </message>
    <message>
        <source>Name is required.</source>
        <translation>Le nom est obligatoire.</translation>
    </message>
    <message>
        <source>Phone number is required.</source>
        <translation>Le numéro de téléphone est obligatoire.</translation>
    </message>
    <message>
        <source>%1 must be a date like 1990-05-31.</source>
        <translation>%1 doit être une date comme 1990-05-31.</translation>
    </message>
    <message>
        <source>Average spend must be a number.</source>
        <translation>La dépense moyenne doit être un nombre.</translation>
    </message>
    <message>
        <source>Broadcast preference must be a JSON object like {&quot;frequency&quot;: &quot;weekly&quot;}.</source>
        <translation>La préférence de diffusion doit être un objet JSON comme {&quot;frequency&quot;: &quot;weekly&quot;}.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid phone number for region %2. Use the international form, e.g. +2348031234567.</source>
        <translation>« %1 » n&apos;est pas un numéro de téléphone valide pour la région %2. Utilisez le format international, p. ex. +2348031234567.</translation>
    </message>
    <message>
        <source>This user already has a contact with this phone number.</source>
        <translation>Cet utilisateur a déjà un contact avec ce numéro de téléphone.</translation>
    </message>
    <message>
        <source>The phone number is not valid.</source>
        <translation>Le numéro de téléphone n&apos;est pas valide.</translation>
    </message>
    <message>
        <source>Opt-o&amp;ut</source>
        <translation>&amp;Désinscription</translation>
    </message>
    <message>
        <source>History (newest first):</source>
        <translation>Historique (le plus récent d’abord) :</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motif :</translation>
    </message>
    <message>
        <source>Why; required to opt back in (e.g. asked again by phone on 3 May)</source>
        <translation>Pourquoi ; obligatoire pour réinscrire (p. ex. l’a redemandé par téléphone le 3 mai)</translation>
    </message>
    <message>
        <source>Opt bac&amp;k in</source>
        <translation>Réins&amp;crire</translation>
    </message>
    <message>
        <source>&amp;Record opt-out</source>
        <translation>En&amp;registrer une désinscription</translation>
    </message>
    <message>
        <source>Changed on the Opt-out tab, where every change is recorded.</source>
        <translation>Se modifie dans l’onglet Désinscription, où chaque changement est enregistré.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Changement</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>&lt;b&gt;Subscribed:&lt;/b&gt; this contact receives messages.</source>
        <translation>&lt;b&gt;Inscrit :&lt;/b&gt; ce contact reçoit les messages.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Opted out&lt;/b&gt; on %1 by %2: messages to this contact are refused.</source>
        <translation>&lt;b&gt;Désinscrit&lt;/b&gt; le %1 par %2 : les messages à ce contact sont refusés.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Opted out:&lt;/b&gt; messages to this contact are refused.</source>
        <translation>&lt;b&gt;Désinscrit :&lt;/b&gt; les messages à ce contact sont refusés.</translation>
    </message>
    <message>
        <source>Opted in</source>
        <translation>Réinscrit</translation>
    </message>
    <message>
        <source>Opted out</source>
        <translation>Désinscrit</translation>
    </message>
    <message>
        <source>No opt-out or opt-in recorded.</source>
        <translation>Aucune désinscription ni réinscription enregistrée.</translation>
    </message>
    <message>
        <source>Opted back in; the reason is recorded.</source>
        <translation>Réinscrit ; le motif est enregistré.</translation>
    </message>
    <message numerus="yes">
        <source>Opted out; %n pending message(s) to this contact cancelled.</source>
        <translation>
            <numerusform>Désinscrit ; %n message en attente pour ce contact annulé.</numerusform>
            <numerusform>Désinscrit ; %n messages en attente pour ce contact annulés.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Opt-in</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>No — opted out %1 (%2)</source>
        <translation>Non — désinscrit le %1 (%2)</translation>
    </message>
    <message>
        <source>On WhatsApp</source>
        <translation>Sur WhatsApp</translation>
    </message>
    <message>
        <source>Not on WhatsApp</source>
        <translation>Pas sur WhatsApp</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Non vérifié</translation>
    </message>
    <message>
        <source>Checked %1</source>
        <translation>Vérifié le %1</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Search name, email, phone or company (Ctrl+F)</source>
        <translation>Rechercher un nom, e-mail, téléphone ou entreprise (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>&amp;Importer un CSV…</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
        <source>Rows per page:</source>
        <translation>Lignes par page :</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>Première page</translation>
    </message>
    <message>
        <source>Previous page (Ctrl+PgUp)</source>
        <translation>Page précédente (Ctrl+PgPréc)</translation>
    </message>
    <message>
        <source>Next page (Ctrl+PgDown)</source>
        <translation>Page suivante (Ctrl+PgSuiv)</translation>
    </message>
    <message>
        <source>Last page</source>
        <translation>Dernière page</translation>
    </message>
    <message>
        <source>Could not load contacts: %1</source>
        <translation>Impossible de charger les contacts : %1</translation>
    </message>
    <message>
        <source>Choose a vendor and a user to see their contacts.</source>
        <translation>Choisissez un fournisseur et un utilisateur pour voir leurs contacts.</translation>
    </message>
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
            <numerusform>%n contact correspond à « %1 »</numerusform>
            <numerusform>%n contacts correspondent à « %1 »</numerusform>
        </translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>sur %1</translation>
    </message>
    <message>
        <source>Delete the contact %1?</source>
        <translation>Supprimer le contact %1 ?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n contacts?</source>
        <translation>
            <numerusform>Supprimer %n contact ?</numerusform>
            <numerusform>Supprimer %n contacts ?</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete contacts</source>
        <translation>Supprimer des contacts</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>Importer des contacts</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv *.txt *.tsv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation>Exporter les contacts</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportation…</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) written to %1.</source>
        <translation>
            <numerusform>%n contact écrit dans %1.</numerusform>
            <numerusform>%n contacts écrits dans %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading contacts…</source>
        <translation>Chargement des contacts…</translation>
    </message>
    <message>
        <source>Searching for “%1”…</source>
        <translation>Recherche de « %1 »…</translation>
    </message>
    <message>
        <source>%1+ contacts</source>
        <translation>%1+ contacts</translation>
    </message>
    <message>
        <source>%1+ contacts match “%2”</source>
        <translation>%1+ contacts correspondent à « %2 »</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Suppression…</translation>
    </message>
    <message>
        <source>Check on WhatsApp</source>
        <translation>Vérifier sur WhatsApp</translation>
    </message>
    <message>
        <source>Stop check</source>
        <translation>Arrêter la vérification</translation>
    </message>
    <message>
        <source>This user has no connected WhatsApp number to ask through. Connect one on the Sessions page first.</source>
        <translation>Cet utilisateur n&apos;a aucun numéro WhatsApp connecté par lequel demander. Connectez-en un d&apos;abord sur la page Sessions.</translation>
    </message>
    <message>
        <source>%1 on WhatsApp, %2 not, %3 invalid</source>
        <translation>%1 sur WhatsApp, %2 non, %3 invalides</translation>
    </message>
    <message>
        <source>Check stopped: %1</source>
        <translation>Vérification arrêtée : %1</translation>
    </message>
    <message>
        <source>Check stopped, no connected number left: %1</source>
        <translation>Vérification arrêtée, plus aucun numéro connecté : %1</translation>
    </message>
</context>
<context>
    <name>ConversationModel</name>
    <message>
        <source>Not delivered: %1</source>
        <translation>Non remis : %1</translation>
    </message>
    <message>
        <source>↩ Replying to your message %1</source>
        <translation>↩ En réponse à votre message %1</translation>
    </message>
    <message>
        <source>↩ Replying to your message #%1</source>
        <translation>↩ En réponse à votre message nº %1</translation>
    </message>
    <message>
        <source>↩ Replying to %1</source>
        <translation>↩ En réponse à %1</translation>
    </message>
    <message>
        <source>↩ Replying to an earlier message</source>
        <translation>↩ En réponse à un message précédent</translation>
    </message>
    <message>
        <source>a message</source>
        <translation>un message</translation>
    </message>
    <message>
        <source>Removed the reaction to %1</source>
        <translation>A retiré sa réaction à %1</translation>
    </message>
    <message>
        <source>Reacted %1 to %2</source>
        <translation>A réagi %1 à %2</translation>
    </message>
    <message>
        <source>Deleted a message for everyone</source>
        <translation>A supprimé un message pour tous</translation>
    </message>
    <message>
        <source>(deleted by the customer)</source>
        <translation>(supprimé par le client)</translation>
    </message>
    <message>
        <source>Customer · %1</source>
        <translation>Client · %1</translation>
    </message>
    <message>
        <source>You · %1 · %2</source>
        <translation>Vous · %1 · %2</translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation>Reçu le %1</translation>
    </message>
    <message>
        <source>Queued %1</source>
        <translation>Mis en file le %1</translation>
    </message>
    <message>
        <source>Sent %1</source>
        <translation>Envoyé le %1</translation>
    </message>
    <message>
        <source>Delivered %1</source>
        <translation>Remis le %1</translation>
    </message>
    <message>
        <source>Read %1</source>
        <translation>Lu le %1</translation>
    </message>
</context>
<context>
    <name>ConversationsPage</name>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Actualiser (F5)</translation>
    </message>
    <message>
        <source>N&amp;umber:</source>
        <translation>N&amp;uméro :</translation>
    </message>
    <message>
        <source>Select a chat to see the conversation.</source>
        <translation>Choisissez une discussion pour voir la conversation.</translation>
    </message>
    <message>
        <source>C&amp;ontact…</source>
        <translation>C&amp;ontact…</translation>
    </message>
    <message>
        <source>Open the contact: details, opt-out state and history, opting back in</source>
        <translation>Ouvrir le contact : détails, état et historique de désinscription, réinscription</translation>
    </message>
    <message>
        <source>Load &amp;older messages</source>
        <translation>Charger les messages plus &amp;anciens</translation>
    </message>
    <message>
        <source>Write a reply… (Ctrl+Return sends)</source>
        <translation>Écrivez une réponse… (Ctrl+Entrée envoie)</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <source>Queue the reply through the outbox, with the same rules as POST /messages (Ctrl+Return)</source>
        <translation>Mettre la réponse en file d’envoi, avec les mêmes règles que POST /messages (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Could not load the chats: %1</source>
        <translation>Impossible de charger les discussions : %1</translation>
    </message>
    <message>
        <source>Could not load the conversation: %1</source>
        <translation>Impossible de charger la conversation : %1</translation>
    </message>
    <message>
        <source>All numbers</source>
        <translation>Tous les numéros</translation>
    </message>
    <message>
        <source>Not in the user&apos;s contact list: replies are refused until it is added.</source>
        <translation>Absent de la liste de contacts de l’utilisateur : les réponses sont refusées tant qu’il n’y est pas ajouté.</translation>
    </message>
    <message>
        <source>Opted out on %1 (%2).</source>
        <translation>Désinscrit le %1 (%2).</translation>
    </message>
    <message>
        <source>Opted out.</source>
        <translation>Désinscrit.</translation>
    </message>
    <message>
        <source>Messages to this contact are refused.</source>
        <translation>Les messages à ce contact sont refusés.</translation>
    </message>
    <message>
        <source>Choose a vendor and a user to see who wrote to them.</source>
        <translation>Choisissez un vendeur et un utilisateur pour voir qui leur a écrit.</translation>
    </message>
    <message numerus="yes">
        <source>%n chat(s)</source>
        <translation>
            <numerusform>%n discussion</numerusform>
            <numerusform>%n discussions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n non lu</numerusform>
            <numerusform>%n non lus</numerusform>
        </translation>
    </message>
    <message>
        <source>WhatsApp has not told this sender&apos;s phone number yet (only its @lid id): a reply needs the number.</source>
        <translation>WhatsApp n’a pas encore donné le numéro de cet expéditeur (seulement son identifiant @lid) : une réponse a besoin du numéro.</translation>
    </message>
    <message>
        <source>The reply was not queued: %1.</source>
        <translation>La réponse n’a pas été mise en file : %1.</translation>
    </message>
    <message>
        <source>Reply queued.</source>
        <translation>Réponse mise en file.</translation>
    </message>
    <message>
        <source>&amp;Mark as read</source>
        <translation>&amp;Marquer comme lu</translation>
    </message>
    <message>
        <source>Send WhatsApp&apos;s read receipt for this chat (blue ticks for the customer), then count its messages as read</source>
        <translation>Envoyer l’accusé de lecture WhatsApp de cette discussion (coches bleues pour le client), puis compter ses messages comme lus</translation>
    </message>
    <message>
        <source>Sending the read receipt…</source>
        <translation>Envoi de l’accusé de lecture…</translation>
    </message>
    <message>
        <source>The read receipt was not sent: %1</source>
        <translation>L’accusé de lecture n’a pas été envoyé : %1</translation>
    </message>
    <message>
        <source>Marked as read.</source>
        <translation>Marqué comme lu.</translation>
    </message>
    <message>
        <source>&amp;Add to contacts…</source>
        <translation>&amp;Ajouter aux contacts…</translation>
    </message>
    <message>
        <source>&amp;Quote</source>
        <translation>&amp;Citer</translation>
    </message>
    <message>
        <source>The next reply quotes the selected message</source>
        <translation>La prochaine réponse cite le message sélectionné</translation>
    </message>
    <message>
        <source>R&amp;eact</source>
        <translation>&amp;Réagir</translation>
    </message>
    <message>
        <source>React to the selected message with an emoji</source>
        <translation>Réagir au message sélectionné avec un emoji</translation>
    </message>
    <message>
        <source>Remove my reaction</source>
        <translation>Retirer ma réaction</translation>
    </message>
    <message>
        <source>Replying to: %1</source>
        <translation>En réponse à : %1</translation>
    </message>
    <message>
        <source>Reaction removal queued.</source>
        <translation>Retrait de la réaction mis en file.</translation>
    </message>
    <message>
        <source>Reaction %1 queued.</source>
        <translation>Réaction %1 mise en file.</translation>
    </message>
    <message>
        <source>Queuing…</source>
        <translation>Mise en file…</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>Import contacts from CSV</source>
        <translation>Importer des contacts depuis un CSV</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <source>Choose a .csv file exported from a spreadsheet or phone</source>
        <translation>Choisissez un fichier .csv exporté d&apos;un tableur ou d&apos;un téléphone</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>First row is a &amp;header</source>
        <translation>La première ligne est un &amp;en-tête</translation>
    </message>
    <message>
        <source>&amp;Separator:</source>
        <translation>&amp;Séparateur :</translation>
    </message>
    <message>
        <source>Column mapping: choose what each column holds. Name and phone number are required.</source>
        <translation>Correspondance des colonnes : indiquez ce que contient chaque colonne. Le nom et le numéro de téléphone sont obligatoires.</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Exemple</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importer comme</translation>
    </message>
    <message>
        <source>Preview (first rows):</source>
        <translation>Aperçu (premières lignes) :</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <source>Comma (,)</source>
        <translation>Virgule (,)</translation>
    </message>
    <message>
        <source>Semicolon (;)</source>
        <translation>Point-virgule (;)</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulation</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>Importer des contacts</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv *.txt *.tsv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Numéro de téléphone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Genre</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>Age group</source>
        <translation>Tranche d&apos;âge</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Surnom</translation>
    </message>
    <message>
        <source>Salutation</source>
        <translation>Formule d&apos;appel</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Conjoint</translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation>Anniversaire</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>Enfants</translation>
    </message>
    <message>
        <source>Pets</source>
        <translation>Animaux</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Secteur</translation>
    </message>
    <message>
        <source>Interests</source>
        <translation>Centres d&apos;intérêt</translation>
    </message>
    <message>
        <source>Preferred products</source>
        <translation>Produits préférés</translation>
    </message>
    <message>
        <source>Opt-in</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>Customer tier</source>
        <translation>Niveau client</translation>
    </message>
    <message>
        <source>Average spend</source>
        <translation>Dépense moyenne</translation>
    </message>
    <message>
        <source>Broadcast preference</source>
        <translation>Préférence de diffusion</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Duplicate phone number</source>
        <translation>Numéro de téléphone en double</translation>
    </message>
    <message>
        <source>Invalid phone number</source>
        <translation>Numéro de téléphone invalide</translation>
    </message>
    <message>
        <source>Invalid value</source>
        <translation>Valeur invalide</translation>
    </message>
    <message>
        <source>Empty row</source>
        <translation>Ligne vide</translation>
    </message>
    <message>
        <source>Cannot open the file: %1</source>
        <translation>Impossible d&apos;ouvrir le fichier : %1</translation>
    </message>
    <message>
        <source>This file cannot be read as CSV. %1</source>
        <translation>Ce fichier ne peut pas être lu comme un CSV. %1</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Le fichier est vide.</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Colonne %1</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>(ignorer)</translation>
    </message>
    <message>
        <source>Map a column to Name.</source>
        <translation>Associez une colonne au nom.</translation>
    </message>
    <message>
        <source>Map a column to Phone number.</source>
        <translation>Associez une colonne au numéro de téléphone.</translation>
    </message>
    <message>
        <source>%1 is mapped twice.</source>
        <translation>%1 est associé deux fois.</translation>
    </message>
    <message>
        <source>%1 added, %2 skipped so far…</source>
        <translation>%1 ajoutés, %2 ignorés jusqu&apos;ici…</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>Annuler l&apos;importation</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importation…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Import cancelled. Contacts saved before cancelling stay.</source>
        <translation>Importation annulée. Les contacts enregistrés avant l&apos;annulation sont conservés.</translation>
    </message>
    <message>
        <source>The file could not be read to the end: %1</source>
        <translation>Le fichier n&apos;a pas pu être lu jusqu&apos;au bout : %1</translation>
    </message>
    <message>
        <source>%1 rows read, %2 contacts added, %3 skipped.</source>
        <translation>%1 lignes lues, %2 contacts ajoutés, %3 ignorés.</translation>
    </message>
    <message>
        <source>The table lists the first %1 skipped rows.</source>
        <translation>Le tableau liste les %1 premières lignes ignorées.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Terminé.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Rien n&apos;a été importé : %1</translation>
    </message>
</context>
<context>
    <name>CsvImportWorker</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1 : %2</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>Line %1: a quoted field is never closed.</source>
        <translation>Ligne %1 : un champ entre guillemets n&apos;est jamais fermé.</translation>
    </message>
    <message>
        <source>Line %1: more than %2 columns.</source>
        <translation>Ligne %1 : plus de %2 colonnes.</translation>
    </message>
    <message>
        <source>Line %1: a field is longer than %2 characters (is this a CSV file?).</source>
        <translation>Ligne %1 : un champ dépasse %2 caractères (est-ce bien un fichier CSV ?).</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Sessions by state</source>
        <translation>Sessions par état</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>File d&apos;attente</translation>
    </message>
    <message>
        <source>messages pending or being sent</source>
        <translation>messages en attente ou en cours d&apos;envoi</translation>
    </message>
    <message>
        <source>Local API</source>
        <translation>API locale</translation>
    </message>
    <message>
        <source>vendors call this address with their API key</source>
        <translation>les fournisseurs appellent cette adresse avec leur clé d&apos;API</translation>
    </message>
    <message>
        <source>Last 14 days</source>
        <translation>14 derniers jours</translation>
    </message>
    <message>
        <source>Messages per day by status</source>
        <translation>Messages par jour et par statut</translation>
    </message>
    <message>
        <source>messages queued since %1</source>
        <translation>messages mis en file depuis le %1</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Numéro de téléphone</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation>Anniversaire</translation>
    </message>
    <message>
        <source>Average spend</source>
        <translation>Dépense moyenne</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>File URL</source>
        <translation>URL du fichier</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinataires</translation>
    </message>
    <message>
        <source>This email address is already used.</source>
        <translation>Cette adresse e-mail est déjà utilisée.</translation>
    </message>
    <message>
        <source>This phone number is already registered for this vendor.</source>
        <translation>Ce numéro de téléphone est déjà enregistré pour ce fournisseur.</translation>
    </message>
    <message>
        <source>Another contact of this user already has this phone number.</source>
        <translation>Un autre contact de cet utilisateur a déjà ce numéro de téléphone.</translation>
    </message>
    <message>
        <source>This user has no active subscription. Give one on the Plans page first.</source>
        <translation>Cet utilisateur n&apos;a pas d&apos;abonnement actif. Attribuez-en un d&apos;abord sur la page Formules.</translation>
    </message>
    <message>
        <source>The user&apos;s plan allows no more WhatsApp numbers.</source>
        <translation>La formule de l&apos;utilisateur n&apos;autorise plus de numéros WhatsApp.</translation>
    </message>
    <message numerus="yes">
        <source>The plan&apos;s message quota is exhausted (%n message(s) left in this period).</source>
        <translation>
            <numerusform>Le quota de messages de la formule est épuisé (%n message restant pour cette période).</numerusform>
            <numerusform>Le quota de messages de la formule est épuisé (%n messages restants pour cette période).</numerusform>
        </translation>
    </message>
    <message>
        <source>None of the recipients can be messaged (not in the contact list, opted out or invalid).</source>
        <translation>Aucun destinataire ne peut recevoir de message (absent de la liste de contacts, désinscrit ou invalide).</translation>
    </message>
    <message>
        <source>Too many items at once.</source>
        <translation>Trop d&apos;éléments à la fois.</translation>
    </message>
    <message>
        <source>This plan is used by a subscription and cannot be deleted.</source>
        <translation>Cette formule est utilisée par un abonnement et ne peut pas être supprimée.</translation>
    </message>
    <message>
        <source>This number is already connected.</source>
        <translation>Ce numéro est déjà connecté.</translation>
    </message>
    <message>
        <source>The phone number of a registered number cannot be changed.</source>
        <translation>Le numéro de téléphone d&apos;un numéro enregistré ne peut pas être modifié.</translation>
    </message>
    <message>
        <source>It no longer exists (it may have been deleted meanwhile).</source>
        <translation>Cet élément n&apos;existe plus (il a peut-être été supprimé entre-temps).</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>A reason is required to opt a contact back in.</source>
        <translation>Un motif est obligatoire pour réinscrire un contact.</translation>
    </message>
    <message>
        <source>The number&apos;s WhatsApp session is not ready: connect it on the Sessions page first.</source>
        <translation>La session WhatsApp du numéro n’est pas prête : connectez-la d’abord dans la page Sessions.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>This vendor already has the most webhook endpoints allowed (10): delete one first.</source>
        <translation>Ce fournisseur a déjà le nombre maximal de points de terminaison webhook (10) : supprimez-en un d&apos;abord.</translation>
    </message>
    <message>
        <source>URL: an http:// or https:// address with a host is needed (%1).</source>
        <translation>URL : il faut une adresse http:// ou https:// avec un hôte (%1).</translation>
    </message>
    <message>
        <source>URL: this address is not allowed (%1). Private and loopback addresses need the setting webhooks/allow_private_addresses.</source>
        <translation>URL : cette adresse n&apos;est pas autorisée (%1). Les adresses privées et de bouclage demandent le paramètre webhooks/allow_private_addresses.</translation>
    </message>
    <message>
        <source>Events: %1</source>
        <translation>Événements : %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Open the &amp;API description (OpenAPI)</source>
        <translation>Ouvrir la description de l&apos;&amp;API (OpenAPI)</translation>
    </message>
    <message>
        <source>Open the &amp;data folder</source>
        <translation>Ouvrir le dossier des &amp;données</translation>
    </message>
    <message>
        <source>&amp;About Wamator</source>
        <translation>À &amp;propos de Wamator</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>Show Wamator</source>
        <translation>Afficher Wamator</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Vendors and users</source>
        <translation>Fournisseurs et utilisateurs</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Formules</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Wamator</source>
        <translation>Wamator</translation>
    </message>
    <message numerus="yes">
        <source>API on http://%1:%2 · %3 of %n number(s) ready · data in %4</source>
        <translation>
            <numerusform>API sur http://%1:%2 · %3 sur %n numéro prêts · données dans %4</numerusform>
            <numerusform>API sur http://%1:%2 · %3 sur %n numéros prêts · données dans %4</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 est maintenant %2.</translation>
    </message>
    <message>
        <source>WhatsApp session dropped</source>
        <translation>Session WhatsApp interrompue</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Wamator %1&lt;/h3&gt;&lt;p&gt;Run many WhatsApp numbers from one desktop window, with a local REST API.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Qt WebEngine&lt;/td&gt;&lt;td&gt;%4 (Chromium %5)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SQLite&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libsodium&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libqrencode&lt;/td&gt;&lt;td&gt;%8&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Data folder: %9&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Wamator %1&lt;/h3&gt;&lt;p&gt;Gérez de nombreux numéros WhatsApp depuis une seule fenêtre, avec une API REST locale.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (compilé avec %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Qt WebEngine&lt;/td&gt;&lt;td&gt;%4 (Chromium %5)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SQLite&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libsodium&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libqrencode&lt;/td&gt;&lt;td&gt;%8&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Dossier des données : %9&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Wamator</source>
        <translation>À propos de Wamator</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Show webhooks</source>
        <translation>Voir les webhooks</translation>
    </message>
    <message>
        <source>The webhook endpoint %1 of %2 was disabled: %3. Its events are kept; enable it on the Webhooks page to resume delivery.</source>
        <translation>Le point de terminaison webhook %1 de %2 a été désactivé : %3. Ses événements sont conservés ; réactivez-le sur la page Webhooks pour reprendre la livraison.</translation>
    </message>
    <message>
        <source>Webhook endpoint disabled</source>
        <translation>Point de terminaison webhook désactivé</translation>
    </message>
</context>
<context>
    <name>MessageLogModel</name>
    <message>
        <source>Sent: %1</source>
        <translation>Envoyé : %1</translation>
    </message>
    <message>
        <source>Delivered: %1</source>
        <translation>Distribué : %1</translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation>Lu : %1</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Mis en file</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>MessagesPage</name>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>&amp;New message…</source>
        <translation>&amp;Nouveau message…</translation>
    </message>
    <message>
        <source>Send a message to contacts of the chosen user (Ctrl+M)</source>
        <translation>Envoyer un message aux contacts de l&apos;utilisateur choisi (Ctrl+M)</translation>
    </message>
    <message>
        <source>&amp;Batch:</source>
        <translation>&amp;Lot :</translation>
    </message>
    <message>
        <source>Any batch</source>
        <translation>Tous les lots</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatut :</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation>&amp;Au</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Select a message to see its batch.</source>
        <translation>Sélectionnez un message pour voir son lot.</translation>
    </message>
    <message>
        <source>Show only this &amp;batch</source>
        <translation>Afficher seulement ce &amp;lot</translation>
    </message>
    <message>
        <source>&amp;Cancel pending messages</source>
        <translation>&amp;Annuler les messages en attente</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Actualiser (F5)</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Page précédente</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Page suivante</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>Could not load the log: %1</source>
        <translation>Impossible de charger le journal : %1</translation>
    </message>
    <message>
        <source>Cancel pending messages</source>
        <translation>Annuler les messages en attente</translation>
    </message>
    <message>
        <source>Cancel every message of this batch that is not sent yet?</source>
        <translation>Annuler tous les messages de ce lot qui ne sont pas encore envoyés ?</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) cancelled.</source>
        <translation>
            <numerusform>%n message annulé.</numerusform>
            <numerusform>%n messages annulés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a vendor and a user first.</source>
        <translation>Choisissez d&apos;abord un fournisseur et un utilisateur.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 sur %2</translation>
    </message>
    <message numerus="yes">
        <source>Batch %1 — %n message(s)</source>
        <translation>
            <numerusform>Lot %1 — %n message</numerusform>
            <numerusform>Lot %1 — %n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Nouveau message</translation>
    </message>
    <message>
        <source>Choose a vendor and a user first: messages go to that user&apos;s contacts from that user&apos;s numbers.</source>
        <translation>Choisissez d&apos;abord un fournisseur et un utilisateur : les messages partent vers les contacts de cet utilisateur, depuis ses numéros.</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>… et %n autre.</numerusform>
            <numerusform>… et %n autres.</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>NumberDialog</name>
    <message>
        <source>WhatsApp number</source>
        <translation>Numéro WhatsApp</translation>
    </message>
    <message>
        <source>&amp;Phone number *</source>
        <translation>Numéro de &amp;téléphone *</translation>
    </message>
    <message>
        <source>08031234567 or +14155550123</source>
        <translation>08031234567 ou +14155550123</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;Libellé</translation>
    </message>
    <message>
        <source>Sales line</source>
        <translation>Ligne commerciale</translation>
    </message>
    <message>
        <source>Sandbo&amp;x</source>
        <translation>Bac à &amp;sable</translation>
    </message>
    <message>
        <source>Simulated WhatsApp (no phone, no ban risk)</source>
        <translation>WhatsApp simulé (sans téléphone, sans risque de blocage)</translation>
    </message>
    <message>
        <source>Edit number</source>
        <translation>Modifier le numéro</translation>
    </message>
    <message>
        <source>Add WhatsApp number</source>
        <translation>Ajouter un numéro WhatsApp</translation>
    </message>
</context>
<context>
    <name>PairingCodeDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Cancel (use the QR code)</source>
        <translation>Annuler (utiliser le QR code)</translation>
    </message>
    <message>
        <source>Link %1 with a code</source>
        <translation>Connecter %1 avec un code</translation>
    </message>
    <message>
        <source>On the phone of %1: open WhatsApp, tap &lt;b&gt;Settings&lt;/b&gt; (or &lt;b&gt;Menu&lt;/b&gt;) → &lt;b&gt;Linked devices&lt;/b&gt; → &lt;b&gt;Link a device&lt;/b&gt; → &lt;b&gt;Link with phone number instead&lt;/b&gt;, and enter this code.</source>
        <translation>Sur le téléphone de %1 : ouvrez WhatsApp, touchez &lt;b&gt;Paramètres&lt;/b&gt; (ou &lt;b&gt;Menu&lt;/b&gt;) → &lt;b&gt;Appareils connectés&lt;/b&gt; → &lt;b&gt;Connecter un appareil&lt;/b&gt; → &lt;b&gt;Connecter avec le numéro de téléphone à la place&lt;/b&gt;, puis saisissez ce code.</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Code d&apos;association</translation>
    </message>
    <message>
        <source>The session failed: %1</source>
        <translation>La session a échoué : %1</translation>
    </message>
    <message>
        <source>Asking WhatsApp Web for a code…</source>
        <translation>Demande d&apos;un code à WhatsApp Web…</translation>
    </message>
    <message>
        <source>Asking WhatsApp Web for a new code…</source>
        <translation>Demande d&apos;un nouveau code à WhatsApp Web…</translation>
    </message>
    <message>
        <source>Waiting for the phone…</source>
        <translation>En attente du téléphone…</translation>
    </message>
    <message>
        <source>No code: %1</source>
        <translation>Pas de code : %1</translation>
    </message>
    <message>
        <source>Expires in %1:%2 (a new code follows by itself)</source>
        <translation>Expire dans %1:%2 (un nouveau code suit automatiquement)</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Plan</source>
        <translation>Formule</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>&amp;Nom *</translation>
    </message>
    <message>
        <source>Max &amp;numbers</source>
        <translation>&amp;Numéros max.</translation>
    </message>
    <message>
        <source>Max &amp;messages</source>
        <translation>&amp;Messages max.</translation>
    </message>
    <message>
        <source>&amp;Period (days)</source>
        <translation>&amp;Période (jours)</translation>
    </message>
    <message>
        <source>Edit plan</source>
        <translation>Modifier la formule</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>Nouvelle formule</translation>
    </message>
    <message>
        <source>Name is required.</source>
        <translation>Le nom est obligatoire.</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <source>Plans and subscriptions</source>
        <translation>Formules et abonnements</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Formules</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Max numbers</source>
        <translation>Numéros max.</translation>
    </message>
    <message>
        <source>Max messages</source>
        <translation>Messages max.</translation>
    </message>
    <message>
        <source>Period (days)</source>
        <translation>Période (jours)</translation>
    </message>
    <message>
        <source>&amp;New plan…</source>
        <translation>&amp;Nouvelle formule…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>Abonnements</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Formule</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>&amp;Give subscription…</source>
        <translation>&amp;Attribuer un abonnement…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>Mod&amp;ifier…</translation>
    </message>
    <message>
        <source>E&amp;xtend one period</source>
        <translation>Prolonger d&apos;une &amp;période</translation>
    </message>
    <message>
        <source>Push the end date back by the plan period</source>
        <translation>Repousser la date de fin d&apos;une période de la formule</translation>
    </message>
    <message>
        <source>E&amp;nd now</source>
        <translation>&amp;Terminer maintenant</translation>
    </message>
    <message>
        <source>Cancel the subscription from now on</source>
        <translation>Annuler l&apos;abonnement à partir de maintenant</translation>
    </message>
    <message>
        <source>Active (ended)</source>
        <translation>Actif (échu)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expiré</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendu</translation>
    </message>
    <message>
        <source>Delete plan</source>
        <translation>Supprimer la formule</translation>
    </message>
    <message>
        <source>Delete the plan %1?</source>
        <translation>Supprimer la formule %1 ?</translation>
    </message>
    <message>
        <source>Extend subscription</source>
        <translation>Prolonger l&apos;abonnement</translation>
    </message>
    <message>
        <source>End subscription</source>
        <translation>Terminer l&apos;abonnement</translation>
    </message>
    <message>
        <source>End this subscription now? The user can no longer add numbers or send messages.</source>
        <translation>Terminer cet abonnement maintenant ? L&apos;utilisateur ne pourra plus ajouter de numéros ni envoyer de messages.</translation>
    </message>
</context>
<context>
    <name>SecretDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Filter by phone, label, vendor or user</source>
        <translation>Filtrer par téléphone, libellé, fournisseur ou utilisateur</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>No WhatsApp numbers yet. Add one on the Vendors page (choose a vendor, a user, then &quot;Add number&quot;). A sandbox number needs no phone.</source>
        <translation>Aucun numéro WhatsApp pour l&apos;instant. Ajoutez-en un sur la page Fournisseurs (choisissez un fournisseur, un utilisateur, puis « Ajouter un numéro »). Un numéro bac à sable n&apos;a pas besoin de téléphone.</translation>
    </message>
    <message>
        <source>Select a number</source>
        <translation>Sélectionnez un numéro</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connecter</translation>
    </message>
    <message>
        <source>Start the session (Ctrl+Return)</source>
        <translation>Démarrer la session (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Déconnecter</translation>
    </message>
    <message>
        <source>Stop the page; the login is kept</source>
        <translation>Arrêter la page ; la connexion au compte est conservée</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>&amp;Redémarrer</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>Se dé&amp;connecter</translation>
    </message>
    <message>
        <source>Log out of WhatsApp and delete this number&apos;s browser data</source>
        <translation>Se déconnecter de WhatsApp et supprimer les données de navigation de ce numéro</translation>
    </message>
    <message>
        <source>Simulate &amp;scan</source>
        <translation>Simuler le &amp;scan</translation>
    </message>
    <message>
        <source>Sandbox numbers: act as the phone scanning the QR code</source>
        <translation>Numéros bac à sable : faire comme le téléphone qui scanne le QR code</translation>
    </message>
    <message>
        <source>&amp;QR code</source>
        <translation>&amp;QR code</translation>
    </message>
    <message>
        <source>On the phone: WhatsApp → Settings → Linked devices → Link a device, then point the camera at this code.</source>
        <translation>Sur le téléphone : WhatsApp → Paramètres → Appareils connectés → Connecter un appareil, puis visez ce code avec l&apos;appareil photo.</translation>
    </message>
    <message>
        <source>&amp;WhatsApp Web</source>
        <translation>&amp;WhatsApp Web</translation>
    </message>
    <message>
        <source>This number has no live page. Connect it to see WhatsApp Web here.</source>
        <translation>Ce numéro n&apos;a pas de page active. Connectez-le pour voir WhatsApp Web ici.</translation>
    </message>
    <message>
        <source>No QR code to scan right now.</source>
        <translation>Aucun QR code à scanner pour le moment.</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Bac à sable</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>sandbox (simulated WhatsApp, no phone needed)</source>
        <translation>bac à sable (WhatsApp simulé, aucun téléphone nécessaire)</translation>
    </message>
    <message>
        <source>Connected. Open the WhatsApp Web tab to see the page.</source>
        <translation>Connecté. Ouvrez l&apos;onglet WhatsApp Web pour voir la page.</translation>
    </message>
    <message>
        <source>Waiting for WhatsApp Web to show a QR code…</source>
        <translation>En attente du QR code de WhatsApp Web…</translation>
    </message>
    <message>
        <source>Press Connect to get a QR code.</source>
        <translation>Cliquez sur Connecter pour obtenir un QR code.</translation>
    </message>
    <message numerus="yes">
        <source>This code refreshes in %n second(s).</source>
        <translation>
            <numerusform>Ce code se renouvelle dans %n seconde.</numerusform>
            <numerusform>Ce code se renouvelle dans %n secondes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connecter</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Déconnecter</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Log +%1 out of WhatsApp? Its browser data is deleted and the next connection needs a new QR scan.</source>
        <translation>Déconnecter +%1 de WhatsApp ? Ses données de navigation sont supprimées et la prochaine connexion demandera un nouveau scan du QR code.</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Redémarrer</translation>
    </message>
    <message>
        <source>Simulate scan</source>
        <translation>Simuler le scan</translation>
    </message>
    <message>
        <source>&lt;b&gt;This Qt WebEngine runs Chromium %1, older than %2.&lt;/b&gt; Real WhatsApp Web may refuse to load in it or stop working; the simulator is not affected. For real numbers use a build on Qt WebEngine 6.10 or newer (see docs/sessions.md). &lt;a href=&quot;dismiss&quot;&gt;Dismiss&lt;/a&gt;</source>
        <translation>&lt;b&gt;Ce Qt WebEngine utilise Chromium %1, plus ancien que %2.&lt;/b&gt; Le vrai WhatsApp Web peut refuser de s’y charger ou cesser de fonctionner ; le simulateur n’est pas concerné. Pour de vrais numéros, utilisez une version construite sur Qt WebEngine 6.10 ou plus récent (voir docs/sessions.md). &lt;a href=&quot;dismiss&quot;&gt;Masquer&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Connect with c&amp;ode…</source>
        <translation>Connecter avec un c&amp;ode…</translation>
    </message>
    <message>
        <source>Link with phone number instead: a code to type on the phone, no camera needed</source>
        <translation>Connecter avec le numéro de téléphone à la place : un code à saisir sur le téléphone, sans appareil photo</translation>
    </message>
    <message>
        <source>Sent today: %1 · no daily warm-up limit</source>
        <translation>Envoyés aujourd&apos;hui : %1 · pas de limite quotidienne de chauffe</translation>
    </message>
    <message>
        <source>Warm-up day %1: %2 of %3 sent today, %4 left</source>
        <translation>Jour de chauffe %1 : %2 sur %3 envoyés aujourd&apos;hui, %4 restants</translation>
    </message>
    <message>
        <source>Linking with the code %1 instead of the QR code.</source>
        <translation>Connexion avec le code %1 au lieu du QR code.</translation>
    </message>
    <message>
        <source>Connect with code</source>
        <translation>Connecter avec un code</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Local API</source>
        <translation>API locale</translation>
    </message>
    <message>
        <source>Listen &amp;address</source>
        <translation>&amp;Adresse d&apos;écoute</translation>
    </message>
    <message>
        <source>127.0.0.1</source>
        <translation>127.0.0.1</translation>
    </message>
    <message>
        <source>&amp;Port</source>
        <translation>&amp;Port</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Numéros de téléphone</translation>
    </message>
    <message>
        <source>Default &amp;region</source>
        <translation>&amp;Région par défaut</translation>
    </message>
    <message>
        <source>NG</source>
        <translation>NG</translation>
    </message>
    <message>
        <source>Sending pace (real numbers; sandbox numbers are never paced)</source>
        <translation>Rythme d&apos;envoi (numéros réels ; les numéros bac à sable ne sont jamais ralentis)</translation>
    </message>
    <message>
        <source>Pacing</source>
        <translation>Rythme</translation>
    </message>
    <message>
        <source>&amp;Wait between messages like a person would</source>
        <translation>&amp;Attendre entre les messages comme le ferait une personne</translation>
    </message>
    <message>
        <source>Minimum &amp;delay</source>
        <translation>&amp;Délai minimum</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Ma&amp;ximum delay</source>
        <translation>Délai ma&amp;ximum</translation>
    </message>
    <message>
        <source>&amp;Typing time per character</source>
        <translation>&amp;Temps de frappe par caractère</translation>
    </message>
    <message>
        <source>Daily &amp;cap per number</source>
        <translation>&amp;Plafond quotidien par numéro</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>&amp;User agent</source>
        <translation>&amp;User agent</translation>
    </message>
    <message>
        <source>&amp;QR code timeout</source>
        <translation>Délai du &amp;QR code</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>QR &amp;refreshes before giving up</source>
        <translation>&amp;Renouvellements du QR code avant abandon</translation>
    </message>
    <message>
        <source>Concurrent &amp;starts</source>
        <translation>&amp;Démarrages simultanés</translation>
    </message>
    <message>
        <source>Operator (admin) API token</source>
        <translation>Jeton d&apos;API opérateur (admin)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Regenerate…</source>
        <translation>Régénérer…</translation>
    </message>
    <message>
        <source>Sent as the x-admin-token header to the /admin routes.</source>
        <translation>Envoyé dans l&apos;en-tête x-admin-token aux routes /admin.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Appliquer</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>The admin token is on the clipboard.</source>
        <translation>Le jeton admin est dans le presse-papiers.</translation>
    </message>
    <message>
        <source>Set by the environment variable %1.</source>
        <translation>Défini par la variable d&apos;environnement %1.</translation>
    </message>
    <message>
        <source>Sent as the x-admin-token header to the /admin routes. Set by WAMATOR_ADMIN_TOKEN.</source>
        <translation>Envoyé dans l&apos;en-tête x-admin-token aux routes /admin. Défini par WAMATOR_ADMIN_TOKEN.</translation>
    </message>
    <message>
        <source>Sent as the x-admin-token header to the /admin routes. Read from the token file.</source>
        <translation>Envoyé dans l&apos;en-tête x-admin-token aux routes /admin. Lu depuis le fichier de jeton.</translation>
    </message>
    <message>
        <source>The listen address and port take effect at the next start; everything else applies at once.</source>
        <translation>L&apos;adresse d&apos;écoute et le port prennent effet au prochain démarrage ; tout le reste s&apos;applique immédiatement.</translation>
    </message>
    <message>
        <source>Saved. The new address and port take effect at the next start.</source>
        <translation>Enregistré. La nouvelle adresse et le nouveau port prennent effet au prochain démarrage.</translation>
    </message>
    <message>
        <source>Saved and applied.</source>
        <translation>Enregistré et appliqué.</translation>
    </message>
    <message>
        <source>Regenerate admin token</source>
        <translation>Régénérer le jeton admin</translation>
    </message>
    <message>
        <source>Generate a new admin token? Scripts that use the current one stop working.</source>
        <translation>Générer un nouveau jeton admin ? Les scripts qui utilisent l&apos;actuel cesseront de fonctionner.</translation>
    </message>
    <message>
        <source>A new admin token was generated.</source>
        <translation>Un nouveau jeton admin a été généré.</translation>
    </message>
    <message>
        <source>Page watchdog</source>
        <translation>Surveillance de la page</translation>
    </message>
    <message>
        <source>How a number&apos;s WhatsApp page is watched, and recovered when it stops answering or its scripts never load (see docs/sessions.md).</source>
        <translation>Comment la page WhatsApp d&apos;un numéro est surveillée, et rétablie quand elle ne répond plus ou que ses scripts ne se chargent jamais (voir docs/sessions.md).</translation>
    </message>
    <message>
        <source>Module API &amp;load timeout</source>
        <translation>Délai de &amp;chargement de l&apos;API des modules</translation>
    </message>
    <message>
        <source>&amp;Heartbeat every</source>
        <translation>&amp;Battement toutes les</translation>
    </message>
    <message>
        <source>Page &amp;hung after</source>
        <translation>Page &amp;bloquée après</translation>
    </message>
    <message>
        <source>Recovery &amp;attempts</source>
        <translation>&amp;Tentatives de rétablissement</translation>
    </message>
    <message>
        <source>First recovery &amp;delay</source>
        <translation>&amp;Délai avant le premier rétablissement</translation>
    </message>
    <message>
        <source>&amp;Longest recovery delay</source>
        <translation>Délai de rétablissement &amp;maximal</translation>
    </message>
    <message>
        <source>Opt-out</source>
        <translation>Désinscription</translation>
    </message>
    <message>
        <source>A customer whose whole message is one of these words (trimmed, ignoring case and accents) stops receiving the user&apos;s messages, or receives them again.</source>
        <translation>Un client dont le message entier est l’un de ces mots (espaces retirés, sans tenir compte de la casse ni des accents) ne reçoit plus les messages de l’utilisateur, ou les reçoit de nouveau.</translation>
    </message>
    <message>
        <source>Opt-out &amp;keywords</source>
        <translation>&amp;Mots de désinscription</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. STOP, UNSUBSCRIBE</source>
        <translation>Séparés par des virgules, p. ex. STOP, ARRET</translation>
    </message>
    <message>
        <source>Opt-&amp;in keywords</source>
        <translation>Mots de &amp;réinscription</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. START</source>
        <translation>Séparés par des virgules, p. ex. START</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <source>Reply with a confirmatio&amp;n when a customer opts out</source>
        <translation>Répo&amp;ndre par une confirmation quand un client se désinscrit</translation>
    </message>
    <message>
        <source>Confirmation &amp;message</source>
        <translation>Messa&amp;ge de confirmation</translation>
    </message>
    <message>
        <source>A template like any message: {{name}} and the other contact fields are filled in.</source>
        <translation>Un modèle comme tout message : {{name}} et les autres champs du contact sont remplis.</translation>
    </message>
    <message>
        <source>Number checks</source>
        <translation>Vérification des numéros</translation>
    </message>
    <message>
        <source>Keep answers for</source>
        <translation>Conserver les réponses pendant</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Whether a phone is on WhatsApp is not asked again for this long (checks and sends).</source>
        <translation>Pendant cette durée, on ne redemande pas si un téléphone est sur WhatsApp (vérifications et envois).</translation>
    </message>
    <message>
        <source>Warm-up of new numbers</source>
        <translation>Chauffe des nouveaux numéros</translation>
    </message>
    <message>
        <source>A new real number may send only a few messages a day at first; the limit grows each day. Sends beyond it wait for the next day. Sandbox numbers are exempt.</source>
        <translation>Un nouveau numéro réel ne peut d&apos;abord envoyer que quelques messages par jour ; la limite augmente chaque jour. Les envois au-delà attendent le lendemain. Les numéros bac à sable en sont exemptés.</translation>
    </message>
    <message>
        <source>Warm-up</source>
        <translation>Chauffe</translation>
    </message>
    <message>
        <source>Limit what new numbers send &amp;per day</source>
        <translation>Limiter ce que les nouveaux numéros envoient par &amp;jour</translation>
    </message>
    <message>
        <source>Daily &amp;limits</source>
        <translation>L&amp;imites quotidiennes</translation>
    </message>
    <message>
        <source>Day 1, day 2, …, e.g. 20, 30, 50</source>
        <translation>Jour 1, jour 2, …, p. ex. 20, 30, 50</translation>
    </message>
    <message>
        <source>The limit of each day from the day the number was added; after the last one there is no warm-up limit.</source>
        <translation>La limite de chaque jour à partir du jour où le numéro a été ajouté ; après la dernière, il n&apos;y a plus de limite de chauffe.</translation>
    </message>
    <message>
        <source>Days counted in time &amp;zone</source>
        <translation>Jours comptés dans le &amp;fuseau horaire</translation>
    </message>
    <message>
        <source>Empty: this computer&apos;s, or e.g. Africa/Lagos</source>
        <translation>Vide : celui de cet ordinateur, ou p. ex. Africa/Lagos</translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <source>Disconnected</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Waiting for QR scan</source>
        <translation>En attente du scan du QR code</translation>
    </message>
    <message>
        <source>Authenticated</source>
        <translation>Authentifié</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>the QR code was not scanned in time</source>
        <translation>le QR code n&apos;a pas été scanné à temps</translation>
    </message>
    <message>
        <source>WhatsApp Web changed; the adapter needs an update</source>
        <translation>WhatsApp Web a changé ; l&apos;adaptateur doit être mis à jour</translation>
    </message>
    <message>
        <source>the page crashed</source>
        <translation>la page a planté</translation>
    </message>
    <message>
        <source>logged out from the phone</source>
        <translation>déconnecté depuis le téléphone</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Distribué</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expiré</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>WhatsApp Web refused this browser engine (too old)</source>
        <translation>WhatsApp Web a refusé ce moteur de navigateur (trop ancien)</translation>
    </message>
    <message>
        <source>the WhatsApp Web page stopped responding</source>
        <translation>la page WhatsApp Web ne répond plus</translation>
    </message>
    <message>
        <source>Reloading with cleared caches did not help. Run Wamator on Debian 13 with Qt WebEngine 6.10 (see the README); sandbox numbers are not affected.</source>
        <translation>Recharger après avoir vidé les caches n’a pas suffi. Lancez Wamator sous Debian 13 avec Qt WebEngine 6.10 (voir le README) ; les numéros sandbox ne sont pas concernés.</translation>
    </message>
    <message>
        <source>Reloading with cleared caches did not help. Connect again; if it keeps hanging, run Wamator on Debian 13 with Qt WebEngine 6.10 (see the README).</source>
        <translation>Recharger après avoir vidé les caches n’a pas suffi. Connectez-vous de nouveau ; si la page se bloque encore, lancez Wamator sous Debian 13 avec Qt WebEngine 6.10 (voir le README).</translation>
    </message>
    <message>
        <source>Install an updated whatsapp-adapter.js in the adapter folder of the data directory (see docs/sessions.md), then connect again.</source>
        <translation>Installez un whatsapp-adapter.js à jour dans le dossier adapter du répertoire de données (voir docs/sessions.md), puis connectez-vous de nouveau.</translation>
    </message>
    <message>
        <source>Connect again and scan the new QR code.</source>
        <translation>Connectez-vous de nouveau et scannez le nouveau code QR.</translation>
    </message>
    <message>
        <source>opted out</source>
        <translation>désinscrit</translation>
    </message>
    <message>
        <source>not in the contact list</source>
        <translation>absent de la liste de contacts</translation>
    </message>
    <message>
        <source>invalid phone number</source>
        <translation>numéro de téléphone invalide</translation>
    </message>
    <message>
        <source>message too long for WhatsApp once filled in</source>
        <translation>message trop long pour WhatsApp une fois rempli</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vidéo</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Voice note</source>
        <translation>Message vocal</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Autocollant</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Contact card</source>
        <translation>Fiche de contact</translation>
    </message>
    <message>
        <source>Reaction</source>
        <translation>Réaction</translation>
    </message>
    <message>
        <source>Deleted message</source>
        <translation>Message supprimé</translation>
    </message>
    <message>
        <source>keyword from the customer</source>
        <translation>mot-clé du client</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>opérateur</translation>
    </message>
    <message>
        <source>REST API</source>
        <translation>API REST</translation>
    </message>
    <message>
        <source>import</source>
        <translation>import</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Planifié</translation>
    </message>
</context>
<context>
    <name>SubscriptionDialog</name>
    <message>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>&amp;Utilisateur</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>&amp;Formule</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Statut</translation>
    </message>
    <message>
        <source>&amp;Ends</source>
        <translation>&amp;Fin</translation>
    </message>
    <message>
        <source>Edit subscription</source>
        <translation>Modifier l&apos;abonnement</translation>
    </message>
    <message>
        <source>Give subscription</source>
        <translation>Attribuer un abonnement</translation>
    </message>
    <message>
        <source>%1 (%2 numbers, %3 messages / %4 days)</source>
        <translation>%1 (%2 numéros, %3 messages / %4 jours)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendu</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expiré</translation>
    </message>
    <message>
        <source>Create a plan first.</source>
        <translation>Créez d&apos;abord une formule.</translation>
    </message>
    <message>
        <source>Choose a plan.</source>
        <translation>Choisissez une formule.</translation>
    </message>
    <message>
        <source>Choose a user.</source>
        <translation>Choisissez un utilisateur.</translation>
    </message>
    <message>
        <source>The end must be in the future.</source>
        <translation>La fin doit être dans le futur.</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>&amp;Nom *</translation>
    </message>
    <message>
        <source>&amp;Email *</source>
        <translation>&amp;E-mail *</translation>
    </message>
    <message>
        <source>&amp;Company</source>
        <translation>&amp;Entreprise</translation>
    </message>
    <message>
        <source>E&amp;xternal id</source>
        <translation>Identifiant e&amp;xterne</translation>
    </message>
    <message>
        <source>The vendor&apos;s own id for this user</source>
        <translation>L&apos;identifiant de cet utilisateur chez le fournisseur</translation>
    </message>
    <message>
        <source>Edit user</source>
        <translation>Modifier l&apos;utilisateur</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Nouvel utilisateur</translation>
    </message>
    <message>
        <source>Name is required.</source>
        <translation>Le nom est obligatoire.</translation>
    </message>
    <message>
        <source>Enter an email address like name@example.com.</source>
        <translation>Saisissez une adresse e-mail comme nom@exemple.com.</translation>
    </message>
    <message>
        <source>&amp;Quiet hours</source>
        <translation>&amp;Heures de silence</translation>
    </message>
    <message>
        <source>No messages are sent between these times, in each recipient&apos;s local time. Messages wait; they do not fail.</source>
        <translation>Aucun message n&apos;est envoyé entre ces heures, à l&apos;heure locale de chaque destinataire. Les messages attendent ; ils n&apos;échouent pas.</translation>
    </message>
    <message>
        <source>Quiet hours start</source>
        <translation>Début des heures de silence</translation>
    </message>
    <message>
        <source>to</source>
        <translation>à</translation>
    </message>
    <message>
        <source>Quiet hours end</source>
        <translation>Fin des heures de silence</translation>
    </message>
</context>
<context>
    <name>UserPicker</name>
    <message>
        <source>&amp;Vendor:</source>
        <translation>&amp;Fournisseur :</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur :</translation>
    </message>
    <message>
        <source>All vendors</source>
        <translation>Tous les fournisseurs</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Tous les utilisateurs</translation>
    </message>
</context>
<context>
    <name>VendorDialog</name>
    <message>
        <source>Vendor</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>&amp;Nom *</translation>
    </message>
    <message>
        <source>&amp;Email *</source>
        <translation>&amp;E-mail *</translation>
    </message>
    <message>
        <source>billing@example.com</source>
        <translation>facturation@exemple.com</translation>
    </message>
    <message>
        <source>&amp;Password *</source>
        <translation>Mot de &amp;passe *</translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation>Au moins 8 caractères</translation>
    </message>
    <message>
        <source>&amp;Company *</source>
        <translation>&amp;Entreprise *</translation>
    </message>
    <message>
        <source>P&amp;hone *</source>
        <translation>&amp;Téléphone *</translation>
    </message>
    <message>
        <source>+2348031234567</source>
        <translation>+2348031234567</translation>
    </message>
    <message>
        <source>Edit vendor</source>
        <translation>Modifier le fournisseur</translation>
    </message>
    <message>
        <source>New vendor</source>
        <translation>Nouveau fournisseur</translation>
    </message>
    <message>
        <source>Name is required.</source>
        <translation>Le nom est obligatoire.</translation>
    </message>
</context>
<context>
    <name>VendorsPage</name>
    <message>
        <source>Vendors and users</source>
        <translation>Fournisseurs et utilisateurs</translation>
    </message>
    <message>
        <source>Vendors</source>
        <translation>Fournisseurs</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nouveau…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Show API &amp;key</source>
        <translation>Afficher la &amp;clé d&apos;API</translation>
    </message>
    <message>
        <source>Show the vendor&apos;s current API key</source>
        <translation>Afficher la clé d&apos;API actuelle du fournisseur</translation>
    </message>
    <message>
        <source>&amp;Rotate key</source>
        <translation>Re&amp;nouveler la clé</translation>
    </message>
    <message>
        <source>Issue a new API key; the old one stops working at once</source>
        <translation>Émettre une nouvelle clé d&apos;API ; l&apos;ancienne cesse de fonctionner immédiatement</translation>
    </message>
    <message>
        <source>Users of the vendor</source>
        <translation>Utilisateurs du fournisseur</translation>
    </message>
    <message>
        <source>External id</source>
        <translation>Identifiant externe</translation>
    </message>
    <message>
        <source>New &amp;user…</source>
        <translation>Nouvel &amp;utilisateur…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>Mod&amp;ifier…</translation>
    </message>
    <message>
        <source>Dele&amp;te</source>
        <translation>Supp&amp;rimer</translation>
    </message>
    <message>
        <source>WhatsApp numbers of the user</source>
        <translation>Numéros WhatsApp de l&apos;utilisateur</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>&amp;Add number…</source>
        <translation>&amp;Ajouter un numéro…</translation>
    </message>
    <message>
        <source>Edit &amp;label…</source>
        <translation>Modifier le &amp;libellé…</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>Reti&amp;rer</translation>
    </message>
    <message>
        <source>Open in &amp;Sessions</source>
        <translation>Ouvrir dans &amp;Sessions</translation>
    </message>
    <message>
        <source>Adding a number needs an active subscription (Plans page).</source>
        <translation>Ajouter un numéro nécessite un abonnement actif (page Formules).</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Bac à sable</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé d&apos;API</translation>
    </message>
    <message>
        <source>The vendor %1 was created. Give them this API key for the x-api-key header. It can be shown again here at any time.</source>
        <translation>Le fournisseur %1 a été créé. Donnez-lui cette clé d&apos;API pour l&apos;en-tête x-api-key. Elle peut être réaffichée ici à tout moment.</translation>
    </message>
    <message>
        <source>Delete vendor</source>
        <translation>Supprimer le fournisseur</translation>
    </message>
    <message>
        <source>Delete %1 with all its users, numbers, contacts and subscriptions? Their sessions are logged out. This cannot be undone.</source>
        <translation>Supprimer %1 avec tous ses utilisateurs, numéros, contacts et abonnements ? Leurs sessions sont déconnectées. Cette action est irréversible.</translation>
    </message>
    <message>
        <source>The vendor&apos;s current API key (header x-api-key):</source>
        <translation>Clé d&apos;API actuelle du fournisseur (en-tête x-api-key) :</translation>
    </message>
    <message>
        <source>The vendor had no readable key; a new one was issued:</source>
        <translation>Le fournisseur n&apos;avait aucune clé lisible ; une nouvelle a été émise :</translation>
    </message>
    <message>
        <source>Rotate API key</source>
        <translation>Renouveler la clé d&apos;API</translation>
    </message>
    <message>
        <source>Issue a new API key? The current key stops working at once; the vendor&apos;s integrations need the new one.</source>
        <translation>Émettre une nouvelle clé d&apos;API ? La clé actuelle cesse de fonctionner immédiatement ; les intégrations du fournisseur auront besoin de la nouvelle.</translation>
    </message>
    <message>
        <source>The new API key:</source>
        <translation>La nouvelle clé d&apos;API :</translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation>Supprimer l&apos;utilisateur</translation>
    </message>
    <message>
        <source>Delete %1 with their numbers, contacts and subscriptions? Their sessions are logged out; the message history stays.</source>
        <translation>Supprimer %1 avec ses numéros, contacts et abonnements ? Ses sessions sont déconnectées ; l&apos;historique des messages est conservé.</translation>
    </message>
    <message>
        <source>Edit number</source>
        <translation>Modifier le numéro</translation>
    </message>
    <message>
        <source>Remove number</source>
        <translation>Retirer le numéro</translation>
    </message>
    <message>
        <source>Remove this WhatsApp number? Its session is logged out and its browser data deleted.</source>
        <translation>Retirer ce numéro WhatsApp ? Sa session est déconnectée et ses données de navigation supprimées.</translation>
    </message>
</context>
<context>
    <name>WebhookDeliveryModel</name>
    <message numerus="yes">
        <source>Delivery %1 of event %2 (%3): %4 after %n attempt(s).</source>
        <translation>
            <numerusform>Livraison %1 de l’événement %2 (%3) : %4 après %n tentative.</numerusform>
            <numerusform>Livraison %1 de l’événement %2 (%3) : %4 après %n tentatives.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last answer: HTTP %1 in %2 ms.</source>
        <translation>Dernière réponse : HTTP %1 en %2 ms.</translation>
    </message>
    <message>
        <source>Last error: %1.</source>
        <translation>Dernière erreur : %1.</translation>
    </message>
    <message>
        <source>Next attempt: %1.</source>
        <translation>Prochaine tentative : %1.</translation>
    </message>
    <message>
        <source>Delivered: %1.</source>
        <translation>Livré : %1.</translation>
    </message>
    <message>
        <source>Answer (first bytes): %1</source>
        <translation>Réponse (premiers octets) : %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1; next attempt %2</source>
        <translation>%1 ; prochaine tentative %2</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <source>Error / next attempt</source>
        <translation>Erreur / prochaine tentative</translation>
    </message>
    <message>
        <source>webhook-id</source>
        <translation>webhook-id</translation>
    </message>
</context>
<context>
    <name>WebhookDialog</name>
    <message>
        <source>&amp;URL *</source>
        <translation>&amp;URL *</translation>
    </message>
    <message>
        <source>Events *</source>
        <translation>Événements *</translation>
    </message>
    <message>
        <source>&amp;All events, including types added later</source>
        <translation>&amp;Tous les événements, y compris les types ajoutés plus tard</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>&amp;Utilisateur</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <source>E&amp;nabled</source>
        <translation>&amp;Activé</translation>
    </message>
    <message>
        <source>Edit webhook endpoint</source>
        <translation>Modifier le point de terminaison webhook</translation>
    </message>
    <message>
        <source>New webhook endpoint</source>
        <translation>Nouveau point de terminaison webhook</translation>
    </message>
    <message>
        <source>Every user of the vendor</source>
        <translation>Tous les utilisateurs du fournisseur</translation>
    </message>
    <message>
        <source>Enabling resumes delivery from where it stopped, in order.</source>
        <translation>Réactiver reprend la livraison là où elle s&apos;est arrêtée, dans l&apos;ordre.</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>Utilisateur %1</translation>
    </message>
    <message>
        <source>Choose at least one event type.</source>
        <translation>Choisissez au moins un type d&apos;événement.</translation>
    </message>
</context>
<context>
    <name>WebhookEndpointModel</name>
    <message>
        <source>Disabled: %1 (%2)</source>
        <translation>Désactivé : %1 (%2)</translation>
    </message>
    <message>
        <source>Disabled: %1</source>
        <translation>Désactivé : %1</translation>
    </message>
    <message>
        <source>Failing since %1</source>
        <translation>En échec depuis %1</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Activé</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>Aucune pour le moment</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Tous les utilisateurs</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Last delivery</source>
        <translation>Dernière livraison</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>WebhookText</name>
    <message>
        <source>All events</source>
        <translation>Tous les événements</translation>
    </message>
    <message>
        <source>Message status</source>
        <translation>Statut de message</translation>
    </message>
    <message>
        <source>Message received</source>
        <translation>Message reçu</translation>
    </message>
    <message>
        <source>Session state</source>
        <translation>État de session</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>Code QR</translation>
    </message>
    <message>
        <source>Contact opted out</source>
        <translation>Contact désinscrit</translation>
    </message>
    <message>
        <source>Batch completed</source>
        <translation>Lot terminé</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Réussie</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>every delivery failed for 3 days</source>
        <translation>toutes les livraisons ont échoué pendant 3 jours</translation>
    </message>
    <message>
        <source>the receiver answered 410 Gone</source>
        <translation>le destinataire a répondu 410 Gone</translation>
    </message>
    <message>
        <source>disabled by hand</source>
        <translation>désactivé manuellement</translation>
    </message>
    <message>
        <source>no answer within 10 s</source>
        <translation>pas de réponse en 10 s</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>connexion refusée</translation>
    </message>
    <message>
        <source>host not found</source>
        <translation>hôte introuvable</translation>
    </message>
    <message>
        <source>address not allowed</source>
        <translation>adresse non autorisée</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
</context>
<context>
    <name>WebhooksPage</name>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Actualiser (F5)</translation>
    </message>
    <message>
        <source>&amp;Vendor:</source>
        <translation>&amp;Fournisseur :</translation>
    </message>
    <message>
        <source>&amp;Add endpoint…</source>
        <translation>&amp;Ajouter un point de terminaison…</translation>
    </message>
    <message>
        <source>Register a URL that receives the vendor&apos;s events (Ctrl+N)</source>
        <translation>Enregistrer une URL qui reçoit les événements du fournisseur (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Disa&amp;ble</source>
        <translation>Dé&amp;sactiver</translation>
    </message>
    <message>
        <source>&amp;Rotate secret…</source>
        <translation>&amp;Renouveler le secret…</translation>
    </message>
    <message>
        <source>A new signing secret; the old one keeps signing alongside for 24 hours</source>
        <translation>Un nouveau secret de signature ; l&apos;ancien continue de signer en parallèle pendant 24 heures</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>Envoyer un &amp;test</translation>
    </message>
    <message>
        <source>Send a signed webhook.test event to this endpoint</source>
        <translation>Envoyer un événement webhook.test signé à ce point de terminaison</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Livraisons</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatut :</translation>
    </message>
    <message>
        <source>&amp;Since</source>
        <translation>&amp;Depuis</translation>
    </message>
    <message>
        <source>Re&amp;play</source>
        <translation>Re&amp;jouer</translation>
    </message>
    <message>
        <source>Deliver this event again (same webhook-id), after what is queued for the endpoint</source>
        <translation>Livrer de nouveau cet événement (même webhook-id), après ce qui est en file pour ce point de terminaison</translation>
    </message>
    <message>
        <source>Could not load the endpoints: %1</source>
        <translation>Impossible de charger les points de terminaison : %1</translation>
    </message>
    <message numerus="yes">
        <source>The newest %n deliveries (narrow the filter to see older ones).</source>
        <translation>
            <numerusform>La livraison la plus récente (affinez le filtre pour voir les plus anciennes).</numerusform>
            <numerusform>Les %n livraisons les plus récentes (affinez le filtre pour voir les plus anciennes).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(ies)</source>
        <translation>
            <numerusform>%n livraison</numerusform>
            <numerusform>%n livraisons</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the deliveries: %1</source>
        <translation>Impossible de charger les livraisons : %1</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>Deliveries to %1</source>
        <translation>Livraisons vers %1</translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <translation>&amp;Activer</translation>
    </message>
    <message>
        <source>Enable: delivery resumes from where it stopped, in order</source>
        <translation>Activer : la livraison reprend là où elle s&apos;est arrêtée, dans l&apos;ordre</translation>
    </message>
    <message>
        <source>Disable: events are still recorded and wait until it is enabled again</source>
        <translation>Désactiver : les événements sont toujours enregistrés et attendent sa réactivation</translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s) disabled: events for them are kept. Select one and press Enable to resume delivery from where it stopped.</source>
        <translation>
            <numerusform>%n point de terminaison désactivé : ses événements sont conservés. Sélectionnez-le et cliquez sur Activer pour reprendre la livraison là où elle s&apos;est arrêtée.</numerusform>
            <numerusform>%n points de terminaison désactivés : leurs événements sont conservés. Sélectionnez-en un et cliquez sur Activer pour reprendre la livraison là où elle s&apos;est arrêtée.</numerusform>
        </translation>
    </message>
    <message>
        <source>No endpoints yet. Add one to have this vendor&apos;s events POSTed to a URL, signed (Standard Webhooks).</source>
        <translation>Aucun point de terminaison pour le moment. Ajoutez-en un pour que les événements de ce fournisseur soient envoyés (POST) à une URL, signés (Standard Webhooks).</translation>
    </message>
    <message>
        <source>Create a vendor first (Vendors and users page).</source>
        <translation>Créez d&apos;abord un fournisseur (page Fournisseurs et utilisateurs).</translation>
    </message>
    <message>
        <source>The new signing secret of %1. It is shown only now: copy it to the receiver. The previous secret keeps signing alongside for 24 hours, so the receiver can switch without losing an event.</source>
        <translation>Le nouveau secret de signature de %1. Il n&apos;est affiché que maintenant : copiez-le chez le destinataire. L&apos;ancien secret continue de signer en parallèle pendant 24 heures, pour que le destinataire change sans perdre d&apos;événement.</translation>
    </message>
    <message>
        <source>The signing secret of %1. It is shown only now: copy it to the receiver, which verifies the webhook-signature header with it (any Standard Webhooks library).</source>
        <translation>Le secret de signature de %1. Il n&apos;est affiché que maintenant : copiez-le chez le destinataire, qui vérifie avec lui l&apos;en-tête webhook-signature (toute bibliothèque Standard Webhooks).</translation>
    </message>
    <message>
        <source>Webhook signing secret</source>
        <translation>Secret de signature du webhook</translation>
    </message>
    <message>
        <source>Endpoint %1 added.</source>
        <translation>Point de terminaison %1 ajouté.</translation>
    </message>
    <message>
        <source>Endpoint %1 saved.</source>
        <translation>Point de terminaison %1 enregistré.</translation>
    </message>
    <message>
        <source>%1 enabled: delivery resumes from where it stopped.</source>
        <translation>%1 activé : la livraison reprend là où elle s&apos;est arrêtée.</translation>
    </message>
    <message>
        <source>%1 disabled: its events wait until it is enabled again.</source>
        <translation>%1 désactivé : ses événements attendent sa réactivation.</translation>
    </message>
    <message>
        <source>New signing secret for %1; the previous one signs too for 24 hours.</source>
        <translation>Nouveau secret de signature pour %1 ; l&apos;ancien signe aussi pendant 24 heures.</translation>
    </message>
    <message>
        <source>Test event %1 queued for %2.</source>
        <translation>Événement de test %1 mis en file pour %2.</translation>
    </message>
    <message>
        <source>Test event %1 queued for %2; it leaves when the endpoint is enabled.</source>
        <translation>Événement de test %1 mis en file pour %2 ; il partira quand le point de terminaison sera activé.</translation>
    </message>
    <message>
        <source>Delete webhook endpoint</source>
        <translation>Supprimer le point de terminaison webhook</translation>
    </message>
    <message>
        <source>Delete %1? Its delivery log and the deliveries still waiting for it go with it.</source>
        <translation>Supprimer %1 ? Son journal de livraisons et les livraisons encore en attente partent avec lui.</translation>
    </message>
    <message>
        <source>Endpoint %1 deleted.</source>
        <translation>Point de terminaison %1 supprimé.</translation>
    </message>
    <message>
        <source>Event %1 queued again (delivery %2, the same webhook-id).</source>
        <translation>Événement %1 remis en file (livraison %2, même webhook-id).</translation>
    </message>
</context>
</TS>
