<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
<context>
    <name>CampaignsPanel</name>
    <message>
        <source>Pause campaign</source>
        <translation>Pausar campanha</translation>
    </message>
    <message>
        <source>Resume campaign</source>
        <translation>Retomar campanha</translation>
    </message>
    <message>
        <source>Cancel campaign</source>
        <translation>Cancelar campanha</translation>
    </message>
    <message>
        <source>Cancel every message of this batch that is not sent yet?</source>
        <translation>Cancelar todas as mensagens deste lote que ainda não foram enviadas?</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) cancelled.</source>
        <translation>
            <numerusform>%n mensagem cancelada.</numerusform>
            <numerusform>%n mensagens canceladas.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Campaigns&lt;/b&gt;</source>
        <translation>&lt;b&gt;Campanhas&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausar</translation>
    </message>
    <message>
        <source>Stop taking this batch&apos;s messages (one already being sent finishes)</source>
        <translation>Parar de pegar as mensagens deste lote (a que já está sendo enviada termina)</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Retomar</translation>
    </message>
    <message>
        <source>Cance&amp;l</source>
        <translation>C&amp;ancelar</translation>
    </message>
    <message>
        <source>Cancel the batch&apos;s messages not sent yet</source>
        <translation>Cancelar as mensagens do lote ainda não enviadas</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progresso</translation>
    </message>
    <message>
        <source>Estimated end</source>
        <translation>Término previsto</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Agendado</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Em andamento</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausado</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Concluído</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>agendado para %1</translation>
    </message>
    <message>
        <source>%1 sent · %2 delivered · %3 failed of %4</source>
        <translation>%1 enviadas · %2 entregues · %3 com falha de %4</translation>
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
        <translation>Removeu uma reação</translation>
    </message>
    <message>
        <source>Reacted %1</source>
        <translation>Reagiu %1</translation>
    </message>
    <message>
        <source>Deleted a message</source>
        <translation>Apagou uma mensagem</translation>
    </message>
    <message>
        <source>%1 · opted out</source>
        <translation>%1 · descadastrado</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>Última mensagem</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recebida</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Não lidas</translation>
    </message>
    <message>
        <source>To number</source>
        <translation>Para o número</translation>
    </message>
</context>
<context>
    <name>ComposeDialog</name>
    <message>
        <source>New message</source>
        <translation>Nova mensagem</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatários</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Pesquisar contatos</translation>
    </message>
    <message>
        <source>Add &amp;selected ↓</source>
        <translation>Adicionar &amp;selecionados ↓</translation>
    </message>
    <message>
        <source>Add all &amp;matching</source>
        <translation>Adicionar todos os &amp;resultados</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>Re&amp;mover</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Mensagem:</translation>
    </message>
    <message>
        <source>Hello {{name}}, your order is ready! Use {{key|fallback}} for a default.</source>
        <translation>Olá {{name}}, seu pedido está pronto! Use {{key|padrão}} para um valor padrão.</translation>
    </message>
    <message>
        <source>&amp;File URL:</source>
        <translation>URL do &amp;arquivo:</translation>
    </message>
    <message>
        <source>Optional: https://example.com/receipt.pdf</source>
        <translation>Opcional: https://example.com/recibo.pdf</translation>
    </message>
    <message>
        <source>&amp;Caption:</source>
        <translation>&amp;Legenda:</translation>
    </message>
    <message>
        <source>Optional caption of the file (templates allowed)</source>
        <translation>Legenda opcional do arquivo (modelos permitidos)</translation>
    </message>
    <message>
        <source>&amp;Template id:</source>
        <translation>Identificador do &amp;modelo:</translation>
    </message>
    <message>
        <source>Optional label stored with the messages</source>
        <translation>Rótulo opcional salvo com as mensagens</translation>
    </message>
    <message>
        <source>Send f&amp;rom:</source>
        <translation>Enviar &amp;de:</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Prévia:</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <source>From %1 &lt;%2&gt;</source>
        <translation>Em nome de %1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>Any ready number of this user</source>
        <translation>Qualquer número pronto deste usuário</translation>
    </message>
    <message>
        <source>Opted out: messages to this contact are refused.</source>
        <translation>Descadastrado: as mensagens para este contato são recusadas.</translation>
    </message>
    <message numerus="yes">
        <source>… %n more match(es); refine the search or add all.</source>
        <translation>
            <numerusform>… mais %n resultado; refine a pesquisa ou adicione todos.</numerusform>
            <numerusform>… mais %n resultados; refine a pesquisa ou adicione todos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Preview for %1:</source>
        <translation>Prévia para %1:</translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) chosen</source>
        <translation>
            <numerusform>%n destinatário escolhido</numerusform>
            <numerusform>%n destinatários escolhidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued.</source>
        <translation>
            <numerusform>%n mensagem colocada na fila.</numerusform>
            <numerusform>%n mensagens colocadas na fila.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) refused:</source>
        <translation>
            <numerusform>%n destinatário recusado:</numerusform>
            <numerusform>%n destinatários recusados:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queuing %n message(s)…</source>
        <translation>
            <numerusform>Colocando %n mensagem na fila…</numerusform>
            <numerusform>Colocando %n mensagens na fila…</numerusform>
        </translation>
    </message>
    <message>
        <source>Later, at</source>
        <translation>Mais tarde, em</translation>
    </message>
    <message>
        <source>Send:</source>
        <translation>Envio:</translation>
    </message>
    <message>
        <source>Text and/or file</source>
        <translation>Texto e/ou arquivo</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Contact card</source>
        <translation>Cartão de contato</translation>
    </message>
    <message>
        <source>Voice note (file URL of the audio)</source>
        <translation>Mensagem de voz (URL do arquivo de áudio)</translation>
    </message>
    <message>
        <source>Optional name (templates allowed)</source>
        <translation>Nome opcional (modelos permitidos)</translation>
    </message>
    <message>
        <source>Optional address (templates allowed)</source>
        <translation>Endereço opcional (modelos permitidos)</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;ipo:</translation>
    </message>
    <message>
        <source>Latitude:</source>
        <translation>Latitude:</translation>
    </message>
    <message>
        <source>Longitude:</source>
        <translation>Longitude:</translation>
    </message>
    <message>
        <source>Place name:</source>
        <translation>Nome do local:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Endereço:</translation>
    </message>
    <message>
        <source>Card name:</source>
        <translation>Nome no cartão:</translation>
    </message>
    <message>
        <source>Card phone:</source>
        <translation>Telefone no cartão:</translation>
    </message>
    <message>
        <source>Card email:</source>
        <translation>E-mail no cartão:</translation>
    </message>
    <message>
        <source>Card company:</source>
        <translation>Empresa no cartão:</translation>
    </message>
    <message>
        <source>Replying to:</source>
        <translation>Respondendo a:</translation>
    </message>
    <message>
        <source>They will be sent at %1.</source>
        <translation>Elas serão enviadas em %1.</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Contact</source>
        <translation>Contato</translation>
    </message>
    <message>
        <source>&amp;Contact</source>
        <translation>&amp;Contato</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>&amp;Nome *</translation>
    </message>
    <message>
        <source>&amp;Phone number *</source>
        <translation>Número de &amp;telefone *</translation>
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
        <translation>Em&amp;presa</translation>
    </message>
    <message>
        <source>&amp;Nickname</source>
        <translation>&amp;Apelido</translation>
    </message>
    <message>
        <source>&amp;Salutation</source>
        <translation>&amp;Saudação</translation>
    </message>
    <message>
        <source>Dear Mrs Okafor</source>
        <translation>Prezada Sra. Okafor</translation>
    </message>
    <message>
        <source>Customer &amp;tier</source>
        <translation>&amp;Nível do cliente</translation>
    </message>
    <message>
        <source>A&amp;verage spend</source>
        <translation>Gasto &amp;médio</translation>
    </message>
    <message>
        <source>0.00</source>
        <translation>0,00</translation>
    </message>
    <message>
        <source>Opt-in</source>
        <translation>Consentimento</translation>
    </message>
    <message>
        <source>Accepts &amp;messages (opt-in)</source>
        <translation>Aceita &amp;mensagens (consentimento)</translation>
    </message>
    <message>
        <source>&amp;Personal</source>
        <translation>&amp;Pessoal</translation>
    </message>
    <message>
        <source>&amp;Gender</source>
        <translation>&amp;Gênero</translation>
    </message>
    <message>
        <source>&amp;Date of birth</source>
        <translation>&amp;Data de nascimento</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>&amp;Age group</source>
        <translation>&amp;Faixa etária</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation>&amp;Fuso horário</translation>
    </message>
    <message>
        <source>Africa/Lagos</source>
        <translation>America/Sao_Paulo</translation>
    </message>
    <message>
        <source>&amp;Partner</source>
        <translation>&amp;Cônjuge</translation>
    </message>
    <message>
        <source>Anni&amp;versary</source>
        <translation>Ani&amp;versário</translation>
    </message>
    <message>
        <source>&amp;Children</source>
        <translation>&amp;Filhos</translation>
    </message>
    <message>
        <source>Comma-separated names</source>
        <translation>Nomes separados por vírgula</translation>
    </message>
    <message>
        <source>&amp;Pets</source>
        <translation>&amp;Animais</translation>
    </message>
    <message>
        <source>&amp;Work and interests</source>
        <translation>&amp;Trabalho e interesses</translation>
    </message>
    <message>
        <source>&amp;Job title</source>
        <translation>&amp;Cargo</translation>
    </message>
    <message>
        <source>&amp;Industry</source>
        <translation>&amp;Setor</translation>
    </message>
    <message>
        <source>&amp;Interests</source>
        <translation>&amp;Interesses</translation>
    </message>
    <message>
        <source>Comma-separated</source>
        <translation>Separados por vírgula</translation>
    </message>
    <message>
        <source>Preferred &amp;products</source>
        <translation>&amp;Produtos preferidos</translation>
    </message>
    <message>
        <source>&amp;Broadcast preference</source>
        <translation>Preferência de &amp;transmissão</translation>
    </message>
    <message>
        <source>JSON object, e.g. {&quot;frequency&quot;: &quot;weekly&quot;}</source>
        <translation>Objeto JSON, p. ex. {&quot;frequency&quot;: &quot;weekly&quot;}</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>&amp;Observações</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>Editar contato</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Novo contato</translation>
    </message>
    <message>
        <source>Name is required.</source>
        <translation>O nome é obrigatório.</translation>
    </message>
    <message>
        <source>Phone number is required.</source>
        <translation>O número de telefone é obrigatório.</translation>
    </message>
    <message>
        <source>%1 must be a date like 1990-05-31.</source>
        <translation>%1 deve ser uma data como 1990-05-31.</translation>
    </message>
    <message>
        <source>Average spend must be a number.</source>
        <translation>O gasto médio deve ser um número.</translation>
    </message>
    <message>
        <source>Broadcast preference must be a JSON object like {&quot;frequency&quot;: &quot;weekly&quot;}.</source>
        <translation>A preferência de transmissão deve ser um objeto JSON como {&quot;frequency&quot;: &quot;weekly&quot;}.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid phone number for region %2. Use the international form, e.g. +2348031234567.</source>
        <translation>&quot;%1&quot; não é um número de telefone válido para a região %2. Use o formato internacional, p. ex. +2348031234567.</translation>
    </message>
    <message>
        <source>This user already has a contact with this phone number.</source>
        <translation>Este usuário já tem um contato com este número de telefone.</translation>
    </message>
    <message>
        <source>The phone number is not valid.</source>
        <translation>O número de telefone não é válido.</translation>
    </message>
    <message>
        <source>Opt-o&amp;ut</source>
        <translation>&amp;Descadastro</translation>
    </message>
    <message>
        <source>History (newest first):</source>
        <translation>Histórico (mais recente primeiro):</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <source>Why; required to opt back in (e.g. asked again by phone on 3 May)</source>
        <translation>Por quê; obrigatório para recadastrar (ex.: pediu de novo por telefone em 3 de maio)</translation>
    </message>
    <message>
        <source>Opt bac&amp;k in</source>
        <translation>Re&amp;cadastrar</translation>
    </message>
    <message>
        <source>&amp;Record opt-out</source>
        <translation>&amp;Registrar descadastro</translation>
    </message>
    <message>
        <source>Changed on the Opt-out tab, where every change is recorded.</source>
        <translation>Muda-se na aba Descadastro, onde cada mudança é registrada.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Mudança</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>&lt;b&gt;Subscribed:&lt;/b&gt; this contact receives messages.</source>
        <translation>&lt;b&gt;Cadastrado:&lt;/b&gt; este contato recebe mensagens.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Opted out&lt;/b&gt; on %1 by %2: messages to this contact are refused.</source>
        <translation>&lt;b&gt;Descadastrado&lt;/b&gt; em %1 por %2: mensagens para este contato são recusadas.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Opted out:&lt;/b&gt; messages to this contact are refused.</source>
        <translation>&lt;b&gt;Descadastrado:&lt;/b&gt; mensagens para este contato são recusadas.</translation>
    </message>
    <message>
        <source>Opted in</source>
        <translation>Recadastrado</translation>
    </message>
    <message>
        <source>Opted out</source>
        <translation>Descadastrado</translation>
    </message>
    <message>
        <source>No opt-out or opt-in recorded.</source>
        <translation>Nenhum descadastro ou recadastro registrado.</translation>
    </message>
    <message>
        <source>Opted back in; the reason is recorded.</source>
        <translation>Recadastrado; o motivo está registrado.</translation>
    </message>
    <message numerus="yes">
        <source>Opted out; %n pending message(s) to this contact cancelled.</source>
        <translation>
            <numerusform>Descadastrado; %n mensagem pendente para este contato cancelada.</numerusform>
            <numerusform>Descadastrado; %n mensagens pendentes para este contato canceladas.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <source>Yes</source>
        <translation>Sim</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Não</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Nível</translation>
    </message>
    <message>
        <source>Opt-in</source>
        <translation>Consentimento</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Atualizado</translation>
    </message>
    <message>
        <source>No — opted out %1 (%2)</source>
        <translation>Não — descadastrado em %1 (%2)</translation>
    </message>
    <message>
        <source>On WhatsApp</source>
        <translation>Com WhatsApp</translation>
    </message>
    <message>
        <source>Not on WhatsApp</source>
        <translation>Sem WhatsApp</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Não verificado</translation>
    </message>
    <message>
        <source>Checked %1</source>
        <translation>Verificado em %1</translation>
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
        <translation>Contatos</translation>
    </message>
    <message>
        <source>Search name, email, phone or company (Ctrl+F)</source>
        <translation>Pesquisar nome, e-mail, telefone ou empresa (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Adicionar…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>E&amp;xcluir</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>&amp;Importar CSV…</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>Ex&amp;portar CSV…</translation>
    </message>
    <message>
        <source>Rows per page:</source>
        <translation>Linhas por página:</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>Primeira página</translation>
    </message>
    <message>
        <source>Previous page (Ctrl+PgUp)</source>
        <translation>Página anterior (Ctrl+PgUp)</translation>
    </message>
    <message>
        <source>Next page (Ctrl+PgDown)</source>
        <translation>Próxima página (Ctrl+PgDown)</translation>
    </message>
    <message>
        <source>Last page</source>
        <translation>Última página</translation>
    </message>
    <message>
        <source>Could not load contacts: %1</source>
        <translation>Não foi possível carregar os contatos: %1</translation>
    </message>
    <message>
        <source>Choose a vendor and a user to see their contacts.</source>
        <translation>Escolha um fornecedor e um usuário para ver os contatos deles.</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n contato</numerusform>
            <numerusform>%n contatos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) match “%1”</source>
        <translation>
            <numerusform>%n contato corresponde a “%1”</numerusform>
            <numerusform>%n contatos correspondem a “%1”</numerusform>
        </translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>de %1</translation>
    </message>
    <message>
        <source>Delete the contact %1?</source>
        <translation>Excluir o contato %1?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n contacts?</source>
        <translation>
            <numerusform>Excluir %n contato?</numerusform>
            <numerusform>Excluir %n contatos?</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete contacts</source>
        <translation>Excluir contatos</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>Importar contatos</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>Arquivos CSV (*.csv *.txt *.tsv);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation>Exportar contatos</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) written to %1.</source>
        <translation>
            <numerusform>%n contato gravado em %1.</numerusform>
            <numerusform>%n contatos gravados em %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading contacts…</source>
        <translation>Carregando contatos…</translation>
    </message>
    <message>
        <source>Searching for “%1”…</source>
        <translation>Buscando “%1”…</translation>
    </message>
    <message>
        <source>%1+ contacts</source>
        <translation>%1+ contatos</translation>
    </message>
    <message>
        <source>%1+ contacts match “%2”</source>
        <translation>%1+ contatos correspondem a “%2”</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Excluindo…</translation>
    </message>
    <message>
        <source>Check on WhatsApp</source>
        <translation>Verificar no WhatsApp</translation>
    </message>
    <message>
        <source>Stop check</source>
        <translation>Parar verificação</translation>
    </message>
    <message>
        <source>This user has no connected WhatsApp number to ask through. Connect one on the Sessions page first.</source>
        <translation>Este usuário não tem nenhum número de WhatsApp conectado para fazer a consulta. Conecte um primeiro na página Sessões.</translation>
    </message>
    <message>
        <source>%1 on WhatsApp, %2 not, %3 invalid</source>
        <translation>%1 com WhatsApp, %2 sem, %3 inválidos</translation>
    </message>
    <message>
        <source>Check stopped: %1</source>
        <translation>Verificação interrompida: %1</translation>
    </message>
    <message>
        <source>Check stopped, no connected number left: %1</source>
        <translation>Verificação interrompida, não sobrou nenhum número conectado: %1</translation>
    </message>
</context>
<context>
    <name>ConversationModel</name>
    <message>
        <source>Not delivered: %1</source>
        <translation>Não entregue: %1</translation>
    </message>
    <message>
        <source>↩ Replying to your message %1</source>
        <translation>↩ Respondendo à sua mensagem %1</translation>
    </message>
    <message>
        <source>↩ Replying to your message #%1</source>
        <translation>↩ Respondendo à sua mensagem nº %1</translation>
    </message>
    <message>
        <source>↩ Replying to %1</source>
        <translation>↩ Respondendo a %1</translation>
    </message>
    <message>
        <source>↩ Replying to an earlier message</source>
        <translation>↩ Respondendo a uma mensagem anterior</translation>
    </message>
    <message>
        <source>a message</source>
        <translation>uma mensagem</translation>
    </message>
    <message>
        <source>Removed the reaction to %1</source>
        <translation>Removeu a reação a %1</translation>
    </message>
    <message>
        <source>Reacted %1 to %2</source>
        <translation>Reagiu %1 a %2</translation>
    </message>
    <message>
        <source>Deleted a message for everyone</source>
        <translation>Apagou uma mensagem para todos</translation>
    </message>
    <message>
        <source>(deleted by the customer)</source>
        <translation>(apagada pelo cliente)</translation>
    </message>
    <message>
        <source>Customer · %1</source>
        <translation>Cliente · %1</translation>
    </message>
    <message>
        <source>You · %1 · %2</source>
        <translation>Você · %1 · %2</translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation>Recebida em %1</translation>
    </message>
    <message>
        <source>Queued %1</source>
        <translation>Enfileirada em %1</translation>
    </message>
    <message>
        <source>Sent %1</source>
        <translation>Enviada em %1</translation>
    </message>
    <message>
        <source>Delivered %1</source>
        <translation>Entregue em %1</translation>
    </message>
    <message>
        <source>Read %1</source>
        <translation>Lida em %1</translation>
    </message>
</context>
<context>
    <name>ConversationsPage</name>
    <message>
        <source>Conversations</source>
        <translation>Conversas</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Atualizar (F5)</translation>
    </message>
    <message>
        <source>N&amp;umber:</source>
        <translation>Nú&amp;mero:</translation>
    </message>
    <message>
        <source>Select a chat to see the conversation.</source>
        <translation>Selecione um chat para ver a conversa.</translation>
    </message>
    <message>
        <source>C&amp;ontact…</source>
        <translation>C&amp;ontato…</translation>
    </message>
    <message>
        <source>Open the contact: details, opt-out state and history, opting back in</source>
        <translation>Abrir o contato: detalhes, situação e histórico de descadastro, recadastro</translation>
    </message>
    <message>
        <source>Load &amp;older messages</source>
        <translation>Carregar mensagens mais &amp;antigas</translation>
    </message>
    <message>
        <source>Write a reply… (Ctrl+Return sends)</source>
        <translation>Escreva uma resposta… (Ctrl+Enter envia)</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <source>Queue the reply through the outbox, with the same rules as POST /messages (Ctrl+Return)</source>
        <translation>Enfileirar a resposta na fila de saída, com as mesmas regras de POST /messages (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Could not load the chats: %1</source>
        <translation>Não foi possível carregar os chats: %1</translation>
    </message>
    <message>
        <source>Could not load the conversation: %1</source>
        <translation>Não foi possível carregar a conversa: %1</translation>
    </message>
    <message>
        <source>All numbers</source>
        <translation>Todos os números</translation>
    </message>
    <message>
        <source>Not in the user&apos;s contact list: replies are refused until it is added.</source>
        <translation>Fora da lista de contatos do usuário: respostas são recusadas até que seja adicionado.</translation>
    </message>
    <message>
        <source>Opted out on %1 (%2).</source>
        <translation>Descadastrado em %1 (%2).</translation>
    </message>
    <message>
        <source>Opted out.</source>
        <translation>Descadastrado.</translation>
    </message>
    <message>
        <source>Messages to this contact are refused.</source>
        <translation>Mensagens para este contato são recusadas.</translation>
    </message>
    <message>
        <source>Choose a vendor and a user to see who wrote to them.</source>
        <translation>Escolha um fornecedor e um usuário para ver quem escreveu para eles.</translation>
    </message>
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
            <numerusform>%n não lida</numerusform>
            <numerusform>%n não lidas</numerusform>
        </translation>
    </message>
    <message>
        <source>WhatsApp has not told this sender&apos;s phone number yet (only its @lid id): a reply needs the number.</source>
        <translation>O WhatsApp ainda não informou o número deste remetente (só o id @lid): uma resposta precisa do número.</translation>
    </message>
    <message>
        <source>The reply was not queued: %1.</source>
        <translation>A resposta não foi enfileirada: %1.</translation>
    </message>
    <message>
        <source>Reply queued.</source>
        <translation>Resposta enfileirada.</translation>
    </message>
    <message>
        <source>&amp;Mark as read</source>
        <translation>&amp;Marcar como lida</translation>
    </message>
    <message>
        <source>Send WhatsApp&apos;s read receipt for this chat (blue ticks for the customer), then count its messages as read</source>
        <translation>Enviar a confirmação de leitura do WhatsApp deste chat (tiques azuis para o cliente) e então contar suas mensagens como lidas</translation>
    </message>
    <message>
        <source>Sending the read receipt…</source>
        <translation>Enviando a confirmação de leitura…</translation>
    </message>
    <message>
        <source>The read receipt was not sent: %1</source>
        <translation>A confirmação de leitura não foi enviada: %1</translation>
    </message>
    <message>
        <source>Marked as read.</source>
        <translation>Marcado como lido.</translation>
    </message>
    <message>
        <source>&amp;Add to contacts…</source>
        <translation>&amp;Adicionar aos contatos…</translation>
    </message>
    <message>
        <source>&amp;Quote</source>
        <translation>&amp;Citar</translation>
    </message>
    <message>
        <source>The next reply quotes the selected message</source>
        <translation>A próxima resposta cita a mensagem selecionada</translation>
    </message>
    <message>
        <source>R&amp;eact</source>
        <translation>&amp;Reagir</translation>
    </message>
    <message>
        <source>React to the selected message with an emoji</source>
        <translation>Reagir à mensagem selecionada com um emoji</translation>
    </message>
    <message>
        <source>Remove my reaction</source>
        <translation>Remover minha reação</translation>
    </message>
    <message>
        <source>Replying to: %1</source>
        <translation>Respondendo a: %1</translation>
    </message>
    <message>
        <source>Reaction removal queued.</source>
        <translation>Remoção da reação enfileirada.</translation>
    </message>
    <message>
        <source>Reaction %1 queued.</source>
        <translation>Reação %1 enfileirada.</translation>
    </message>
    <message>
        <source>Queuing…</source>
        <translation>Enfileirando…</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>Import contacts from CSV</source>
        <translation>Importar contatos de um CSV</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Arquivo:</translation>
    </message>
    <message>
        <source>Choose a .csv file exported from a spreadsheet or phone</source>
        <translation>Escolha um arquivo .csv exportado de uma planilha ou de um celular</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Procurar…</translation>
    </message>
    <message>
        <source>First row is a &amp;header</source>
        <translation>A primeira linha é um &amp;cabeçalho</translation>
    </message>
    <message>
        <source>&amp;Separator:</source>
        <translation>&amp;Separador:</translation>
    </message>
    <message>
        <source>Column mapping: choose what each column holds. Name and phone number are required.</source>
        <translation>Mapeamento de colunas: escolha o que cada coluna contém. Nome e número de telefone são obrigatórios.</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Coluna</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Exemplo</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importar como</translation>
    </message>
    <message>
        <source>Preview (first rows):</source>
        <translation>Prévia (primeiras linhas):</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Linha</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalhe</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>Comma (,)</source>
        <translation>Vírgula (,)</translation>
    </message>
    <message>
        <source>Semicolon (;)</source>
        <translation>Ponto e vírgula (;)</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulação</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>Importar contatos</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>Arquivos CSV (*.csv *.txt *.tsv);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de telefone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Gênero</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Data de nascimento</translation>
    </message>
    <message>
        <source>Age group</source>
        <translation>Faixa etária</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuso horário</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Apelido</translation>
    </message>
    <message>
        <source>Salutation</source>
        <translation>Saudação</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Cônjuge</translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation>Aniversário</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>Filhos</translation>
    </message>
    <message>
        <source>Pets</source>
        <translation>Animais</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Setor</translation>
    </message>
    <message>
        <source>Interests</source>
        <translation>Interesses</translation>
    </message>
    <message>
        <source>Preferred products</source>
        <translation>Produtos preferidos</translation>
    </message>
    <message>
        <source>Opt-in</source>
        <translation>Consentimento</translation>
    </message>
    <message>
        <source>Customer tier</source>
        <translation>Nível do cliente</translation>
    </message>
    <message>
        <source>Average spend</source>
        <translation>Gasto médio</translation>
    </message>
    <message>
        <source>Broadcast preference</source>
        <translation>Preferência de transmissão</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Observações</translation>
    </message>
    <message>
        <source>Duplicate phone number</source>
        <translation>Número de telefone duplicado</translation>
    </message>
    <message>
        <source>Invalid phone number</source>
        <translation>Número de telefone inválido</translation>
    </message>
    <message>
        <source>Invalid value</source>
        <translation>Valor inválido</translation>
    </message>
    <message>
        <source>Empty row</source>
        <translation>Linha vazia</translation>
    </message>
    <message>
        <source>Cannot open the file: %1</source>
        <translation>Não foi possível abrir o arquivo: %1</translation>
    </message>
    <message>
        <source>This file cannot be read as CSV. %1</source>
        <translation>Este arquivo não pode ser lido como CSV. %1</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>O arquivo está vazio.</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Coluna %1</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>(ignorar)</translation>
    </message>
    <message>
        <source>Map a column to Name.</source>
        <translation>Associe uma coluna ao nome.</translation>
    </message>
    <message>
        <source>Map a column to Phone number.</source>
        <translation>Associe uma coluna ao número de telefone.</translation>
    </message>
    <message>
        <source>%1 is mapped twice.</source>
        <translation>%1 está associado duas vezes.</translation>
    </message>
    <message>
        <source>%1 added, %2 skipped so far…</source>
        <translation>%1 adicionados, %2 ignorados até agora…</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>Cancelar importação</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Import cancelled. Contacts saved before cancelling stay.</source>
        <translation>Importação cancelada. Os contatos salvos antes do cancelamento permanecem.</translation>
    </message>
    <message>
        <source>The file could not be read to the end: %1</source>
        <translation>Não foi possível ler o arquivo até o fim: %1</translation>
    </message>
    <message>
        <source>%1 rows read, %2 contacts added, %3 skipped.</source>
        <translation>%1 linhas lidas, %2 contatos adicionados, %3 ignorados.</translation>
    </message>
    <message>
        <source>The table lists the first %1 skipped rows.</source>
        <translation>A tabela lista as primeiras %1 linhas ignoradas.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Concluído.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Nada foi importado: %1</translation>
    </message>
</context>
<context>
    <name>CsvImportWorker</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Não foi possível abrir %1: %2</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>Line %1: a quoted field is never closed.</source>
        <translation>Linha %1: um campo entre aspas nunca é fechado.</translation>
    </message>
    <message>
        <source>Line %1: more than %2 columns.</source>
        <translation>Linha %1: mais de %2 colunas.</translation>
    </message>
    <message>
        <source>Line %1: a field is longer than %2 characters (is this a CSV file?).</source>
        <translation>Linha %1: um campo tem mais de %2 caracteres (isto é mesmo um arquivo CSV?).</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>Painel</translation>
    </message>
    <message>
        <source>Sessions by state</source>
        <translation>Sessões por estado</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>messages pending or being sent</source>
        <translation>mensagens pendentes ou em envio</translation>
    </message>
    <message>
        <source>Local API</source>
        <translation>API local</translation>
    </message>
    <message>
        <source>vendors call this address with their API key</source>
        <translation>os fornecedores chamam este endereço com sua chave de API</translation>
    </message>
    <message>
        <source>Last 14 days</source>
        <translation>Últimos 14 dias</translation>
    </message>
    <message>
        <source>Messages per day by status</source>
        <translation>Mensagens por dia e por status</translation>
    </message>
    <message>
        <source>messages queued since %1</source>
        <translation>mensagens enfileiradas desde %1</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de telefone</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Data de nascimento</translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation>Aniversário</translation>
    </message>
    <message>
        <source>Average spend</source>
        <translation>Gasto médio</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>File URL</source>
        <translation>URL do arquivo</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatários</translation>
    </message>
    <message>
        <source>This email address is already used.</source>
        <translation>Este endereço de e-mail já está em uso.</translation>
    </message>
    <message>
        <source>This phone number is already registered for this vendor.</source>
        <translation>Este número de telefone já está registrado para este fornecedor.</translation>
    </message>
    <message>
        <source>Another contact of this user already has this phone number.</source>
        <translation>Outro contato deste usuário já tem este número de telefone.</translation>
    </message>
    <message>
        <source>This user has no active subscription. Give one on the Plans page first.</source>
        <translation>Este usuário não tem assinatura ativa. Conceda uma primeiro na página Planos.</translation>
    </message>
    <message>
        <source>The user&apos;s plan allows no more WhatsApp numbers.</source>
        <translation>O plano do usuário não permite mais números de WhatsApp.</translation>
    </message>
    <message numerus="yes">
        <source>The plan&apos;s message quota is exhausted (%n message(s) left in this period).</source>
        <translation>
            <numerusform>A cota de mensagens do plano se esgotou (resta %n mensagem neste período).</numerusform>
            <numerusform>A cota de mensagens do plano se esgotou (restam %n mensagens neste período).</numerusform>
        </translation>
    </message>
    <message>
        <source>None of the recipients can be messaged (not in the contact list, opted out or invalid).</source>
        <translation>Nenhum destinatário pode receber mensagens (fora da lista de contatos, descadastrado ou inválido).</translation>
    </message>
    <message>
        <source>Too many items at once.</source>
        <translation>Itens demais de uma vez.</translation>
    </message>
    <message>
        <source>This plan is used by a subscription and cannot be deleted.</source>
        <translation>Este plano é usado por uma assinatura e não pode ser excluído.</translation>
    </message>
    <message>
        <source>This number is already connected.</source>
        <translation>Este número já está conectado.</translation>
    </message>
    <message>
        <source>The phone number of a registered number cannot be changed.</source>
        <translation>O telefone de um número registrado não pode ser alterado.</translation>
    </message>
    <message>
        <source>It no longer exists (it may have been deleted meanwhile).</source>
        <translation>Isto não existe mais (pode ter sido excluído nesse meio-tempo).</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>A reason is required to opt a contact back in.</source>
        <translation>É preciso um motivo para recadastrar um contato.</translation>
    </message>
    <message>
        <source>The number&apos;s WhatsApp session is not ready: connect it on the Sessions page first.</source>
        <translation>A sessão do WhatsApp do número não está pronta: conecte-a primeiro na página Sessões.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>This vendor already has the most webhook endpoints allowed (10): delete one first.</source>
        <translation>Este fornecedor já tem o máximo de endpoints de webhook permitido (10): exclua um primeiro.</translation>
    </message>
    <message>
        <source>URL: an http:// or https:// address with a host is needed (%1).</source>
        <translation>URL: é necessário um endereço http:// ou https:// com um host (%1).</translation>
    </message>
    <message>
        <source>URL: this address is not allowed (%1). Private and loopback addresses need the setting webhooks/allow_private_addresses.</source>
        <translation>URL: este endereço não é permitido (%1). Endereços privados e de loopback exigem a configuração webhooks/allow_private_addresses.</translation>
    </message>
    <message>
        <source>Events: %1</source>
        <translation>Eventos: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>Open the &amp;API description (OpenAPI)</source>
        <translation>Abrir a descrição da &amp;API (OpenAPI)</translation>
    </message>
    <message>
        <source>Open the &amp;data folder</source>
        <translation>Abrir a pasta de &amp;dados</translation>
    </message>
    <message>
        <source>&amp;About Wamator</source>
        <translation>&amp;Sobre o Wamator</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Sobre o &amp;Qt</translation>
    </message>
    <message>
        <source>Show Wamator</source>
        <translation>Mostrar o Wamator</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessões</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Painel</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contatos</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
    <message>
        <source>Vendors and users</source>
        <translation>Fornecedores e usuários</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Planos</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
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
            <numerusform>API em http://%1:%2 · %3 de %n número prontos · dados em %4</numerusform>
            <numerusform>API em http://%1:%2 · %3 de %n números prontos · dados em %4</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 agora está %2.</translation>
    </message>
    <message>
        <source>WhatsApp session dropped</source>
        <translation>Sessão do WhatsApp caiu</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Wamator %1&lt;/h3&gt;&lt;p&gt;Run many WhatsApp numbers from one desktop window, with a local REST API.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Qt WebEngine&lt;/td&gt;&lt;td&gt;%4 (Chromium %5)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SQLite&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libsodium&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libqrencode&lt;/td&gt;&lt;td&gt;%8&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Data folder: %9&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Wamator %1&lt;/h3&gt;&lt;p&gt;Opere muitos números de WhatsApp em uma só janela, com uma API REST local.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (compilado com %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Qt WebEngine&lt;/td&gt;&lt;td&gt;%4 (Chromium %5)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SQLite&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libsodium&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libqrencode&lt;/td&gt;&lt;td&gt;%8&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Pasta de dados: %9&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Wamator</source>
        <translation>Sobre o Wamator</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversas</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Show webhooks</source>
        <translation>Ver webhooks</translation>
    </message>
    <message>
        <source>The webhook endpoint %1 of %2 was disabled: %3. Its events are kept; enable it on the Webhooks page to resume delivery.</source>
        <translation>O endpoint de webhook %1 de %2 foi desativado: %3. Seus eventos são mantidos; ative-o na página Webhooks para retomar a entrega.</translation>
    </message>
    <message>
        <source>Webhook endpoint disabled</source>
        <translation>Endpoint de webhook desativado</translation>
    </message>
</context>
<context>
    <name>MessageLogModel</name>
    <message>
        <source>Sent: %1</source>
        <translation>Enviada: %1</translation>
    </message>
    <message>
        <source>Delivered: %1</source>
        <translation>Entregue: %1</translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation>Lida: %1</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Enfileirada</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinatário</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erro</translation>
    </message>
</context>
<context>
    <name>MessagesPage</name>
    <message>
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
    <message>
        <source>&amp;New message…</source>
        <translation>&amp;Nova mensagem…</translation>
    </message>
    <message>
        <source>Send a message to contacts of the chosen user (Ctrl+M)</source>
        <translation>Enviar uma mensagem aos contatos do usuário escolhido (Ctrl+M)</translation>
    </message>
    <message>
        <source>&amp;Batch:</source>
        <translation>&amp;Lote:</translation>
    </message>
    <message>
        <source>Any batch</source>
        <translation>Qualquer lote</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;De</translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation>A&amp;té</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Select a message to see its batch.</source>
        <translation>Selecione uma mensagem para ver o lote dela.</translation>
    </message>
    <message>
        <source>Show only this &amp;batch</source>
        <translation>Mostrar só este &amp;lote</translation>
    </message>
    <message>
        <source>&amp;Cancel pending messages</source>
        <translation>&amp;Cancelar mensagens pendentes</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Atualizar (F5)</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Próxima página</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Qualquer status</translation>
    </message>
    <message>
        <source>Could not load the log: %1</source>
        <translation>Não foi possível carregar o registro: %1</translation>
    </message>
    <message>
        <source>Cancel pending messages</source>
        <translation>Cancelar mensagens pendentes</translation>
    </message>
    <message>
        <source>Cancel every message of this batch that is not sent yet?</source>
        <translation>Cancelar todas as mensagens deste lote que ainda não foram enviadas?</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) cancelled.</source>
        <translation>
            <numerusform>%n mensagem cancelada.</numerusform>
            <numerusform>%n mensagens canceladas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a vendor and a user first.</source>
        <translation>Escolha primeiro um fornecedor e um usuário.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n mensagem</numerusform>
            <numerusform>%n mensagens</numerusform>
        </translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Página %1 de %2</translation>
    </message>
    <message numerus="yes">
        <source>Batch %1 — %n message(s)</source>
        <translation>
            <numerusform>Lote %1 — %n mensagem</numerusform>
            <numerusform>Lote %1 — %n mensagens</numerusform>
        </translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Nova mensagem</translation>
    </message>
    <message>
        <source>Choose a vendor and a user first: messages go to that user&apos;s contacts from that user&apos;s numbers.</source>
        <translation>Escolha primeiro um fornecedor e um usuário: as mensagens vão para os contatos desse usuário, a partir dos números dele.</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>… e mais %n.</numerusform>
            <numerusform>… e mais %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
</context>
<context>
    <name>NumberDialog</name>
    <message>
        <source>WhatsApp number</source>
        <translation>Número de WhatsApp</translation>
    </message>
    <message>
        <source>&amp;Phone number *</source>
        <translation>Número de &amp;telefone *</translation>
    </message>
    <message>
        <source>08031234567 or +14155550123</source>
        <translation>08031234567 ou +14155550123</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;Rótulo</translation>
    </message>
    <message>
        <source>Sales line</source>
        <translation>Linha de vendas</translation>
    </message>
    <message>
        <source>Sandbo&amp;x</source>
        <translation>Sand&amp;box</translation>
    </message>
    <message>
        <source>Simulated WhatsApp (no phone, no ban risk)</source>
        <translation>WhatsApp simulado (sem celular, sem risco de banimento)</translation>
    </message>
    <message>
        <source>Edit number</source>
        <translation>Editar número</translation>
    </message>
    <message>
        <source>Add WhatsApp number</source>
        <translation>Adicionar número de WhatsApp</translation>
    </message>
</context>
<context>
    <name>PairingCodeDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Atualizar</translation>
    </message>
    <message>
        <source>Cancel (use the QR code)</source>
        <translation>Cancelar (usar o QR code)</translation>
    </message>
    <message>
        <source>Link %1 with a code</source>
        <translation>Conectar %1 com um código</translation>
    </message>
    <message>
        <source>On the phone of %1: open WhatsApp, tap &lt;b&gt;Settings&lt;/b&gt; (or &lt;b&gt;Menu&lt;/b&gt;) → &lt;b&gt;Linked devices&lt;/b&gt; → &lt;b&gt;Link a device&lt;/b&gt; → &lt;b&gt;Link with phone number instead&lt;/b&gt;, and enter this code.</source>
        <translation>No celular de %1: abra o WhatsApp, toque em &lt;b&gt;Configurações&lt;/b&gt; (ou &lt;b&gt;Menu&lt;/b&gt;) → &lt;b&gt;Aparelhos conectados&lt;/b&gt; → &lt;b&gt;Conectar um aparelho&lt;/b&gt; → &lt;b&gt;Conectar com número de telefone&lt;/b&gt; e digite este código.</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Código de pareamento</translation>
    </message>
    <message>
        <source>The session failed: %1</source>
        <translation>A sessão falhou: %1</translation>
    </message>
    <message>
        <source>Asking WhatsApp Web for a code…</source>
        <translation>Pedindo um código ao WhatsApp Web…</translation>
    </message>
    <message>
        <source>Asking WhatsApp Web for a new code…</source>
        <translation>Pedindo um novo código ao WhatsApp Web…</translation>
    </message>
    <message>
        <source>Waiting for the phone…</source>
        <translation>Aguardando o celular…</translation>
    </message>
    <message>
        <source>No code: %1</source>
        <translation>Sem código: %1</translation>
    </message>
    <message>
        <source>Expires in %1:%2 (a new code follows by itself)</source>
        <translation>Expira em %1:%2 (um novo código vem automaticamente)</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Plan</source>
        <translation>Plano</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>&amp;Nome *</translation>
    </message>
    <message>
        <source>Max &amp;numbers</source>
        <translation>Máx. de &amp;números</translation>
    </message>
    <message>
        <source>Max &amp;messages</source>
        <translation>Máx. de &amp;mensagens</translation>
    </message>
    <message>
        <source>&amp;Period (days)</source>
        <translation>&amp;Período (dias)</translation>
    </message>
    <message>
        <source>Edit plan</source>
        <translation>Editar plano</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>Novo plano</translation>
    </message>
    <message>
        <source>Name is required.</source>
        <translation>O nome é obrigatório.</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <source>Plans and subscriptions</source>
        <translation>Planos e assinaturas</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Planos</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Max numbers</source>
        <translation>Máx. de números</translation>
    </message>
    <message>
        <source>Max messages</source>
        <translation>Máx. de mensagens</translation>
    </message>
    <message>
        <source>Period (days)</source>
        <translation>Período (dias)</translation>
    </message>
    <message>
        <source>&amp;New plan…</source>
        <translation>&amp;Novo plano…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>E&amp;xcluir</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>Assinaturas</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Fornecedor</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plano</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Início</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fim</translation>
    </message>
    <message>
        <source>&amp;Give subscription…</source>
        <translation>&amp;Conceder assinatura…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>Ed&amp;itar…</translation>
    </message>
    <message>
        <source>E&amp;xtend one period</source>
        <translation>Pro&amp;rrogar um período</translation>
    </message>
    <message>
        <source>Push the end date back by the plan period</source>
        <translation>Adiar a data de término em um período do plano</translation>
    </message>
    <message>
        <source>E&amp;nd now</source>
        <translation>&amp;Encerrar agora</translation>
    </message>
    <message>
        <source>Cancel the subscription from now on</source>
        <translation>Cancelar a assinatura a partir de agora</translation>
    </message>
    <message>
        <source>Active (ended)</source>
        <translation>Ativa (vencida)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Ativa</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirada</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspensa</translation>
    </message>
    <message>
        <source>Delete plan</source>
        <translation>Excluir plano</translation>
    </message>
    <message>
        <source>Delete the plan %1?</source>
        <translation>Excluir o plano %1?</translation>
    </message>
    <message>
        <source>Extend subscription</source>
        <translation>Prorrogar assinatura</translation>
    </message>
    <message>
        <source>End subscription</source>
        <translation>Encerrar assinatura</translation>
    </message>
    <message>
        <source>End this subscription now? The user can no longer add numbers or send messages.</source>
        <translation>Encerrar esta assinatura agora? O usuário não poderá mais adicionar números nem enviar mensagens.</translation>
    </message>
</context>
<context>
    <name>SecretDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <source>Sessions</source>
        <translation>Sessões</translation>
    </message>
    <message>
        <source>Filter by phone, label, vendor or user</source>
        <translation>Filtrar por telefone, rótulo, fornecedor ou usuário</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Rótulo</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Fornecedor</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>No WhatsApp numbers yet. Add one on the Vendors page (choose a vendor, a user, then &quot;Add number&quot;). A sandbox number needs no phone.</source>
        <translation>Ainda não há números de WhatsApp. Adicione um na página Fornecedores (escolha um fornecedor, um usuário e depois &quot;Adicionar número&quot;). Um número sandbox não precisa de celular.</translation>
    </message>
    <message>
        <source>Select a number</source>
        <translation>Selecione um número</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Conectar</translation>
    </message>
    <message>
        <source>Start the session (Ctrl+Return)</source>
        <translation>Iniciar a sessão (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Desconectar</translation>
    </message>
    <message>
        <source>Stop the page; the login is kept</source>
        <translation>Parar a página; o login é mantido</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>&amp;Reiniciar</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>&amp;Sair da conta</translation>
    </message>
    <message>
        <source>Log out of WhatsApp and delete this number&apos;s browser data</source>
        <translation>Sair do WhatsApp e apagar os dados de navegação deste número</translation>
    </message>
    <message>
        <source>Simulate &amp;scan</source>
        <translation>Simular &amp;leitura</translation>
    </message>
    <message>
        <source>Sandbox numbers: act as the phone scanning the QR code</source>
        <translation>Números sandbox: agir como o celular lendo o QR code</translation>
    </message>
    <message>
        <source>&amp;QR code</source>
        <translation>&amp;QR code</translation>
    </message>
    <message>
        <source>On the phone: WhatsApp → Settings → Linked devices → Link a device, then point the camera at this code.</source>
        <translation>No celular: WhatsApp → Configurações → Aparelhos conectados → Conectar um aparelho e aponte a câmera para este código.</translation>
    </message>
    <message>
        <source>&amp;WhatsApp Web</source>
        <translation>&amp;WhatsApp Web</translation>
    </message>
    <message>
        <source>This number has no live page. Connect it to see WhatsApp Web here.</source>
        <translation>Este número não tem página ativa. Conecte-o para ver o WhatsApp Web aqui.</translation>
    </message>
    <message>
        <source>No QR code to scan right now.</source>
        <translation>Nenhum QR code para ler agora.</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>sandbox (simulated WhatsApp, no phone needed)</source>
        <translation>sandbox (WhatsApp simulado, sem celular)</translation>
    </message>
    <message>
        <source>Connected. Open the WhatsApp Web tab to see the page.</source>
        <translation>Conectado. Abra a aba WhatsApp Web para ver a página.</translation>
    </message>
    <message>
        <source>Waiting for WhatsApp Web to show a QR code…</source>
        <translation>Aguardando o WhatsApp Web mostrar um QR code…</translation>
    </message>
    <message>
        <source>Press Connect to get a QR code.</source>
        <translation>Clique em Conectar para obter um QR code.</translation>
    </message>
    <message numerus="yes">
        <source>This code refreshes in %n second(s).</source>
        <translation>
            <numerusform>Este código é renovado em %n segundo.</numerusform>
            <numerusform>Este código é renovado em %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Desconectar</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Sair da conta</translation>
    </message>
    <message>
        <source>Log +%1 out of WhatsApp? Its browser data is deleted and the next connection needs a new QR scan.</source>
        <translation>Desconectar +%1 do WhatsApp? Os dados de navegação são apagados e a próxima conexão exigirá uma nova leitura do QR code.</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <source>Simulate scan</source>
        <translation>Simular leitura</translation>
    </message>
    <message>
        <source>&lt;b&gt;This Qt WebEngine runs Chromium %1, older than %2.&lt;/b&gt; Real WhatsApp Web may refuse to load in it or stop working; the simulator is not affected. For real numbers use a build on Qt WebEngine 6.10 or newer (see docs/sessions.md). &lt;a href=&quot;dismiss&quot;&gt;Dismiss&lt;/a&gt;</source>
        <translation>&lt;b&gt;Este Qt WebEngine usa o Chromium %1, mais antigo que %2.&lt;/b&gt; O WhatsApp Web real pode se recusar a carregar nele ou parar de funcionar; o simulador não é afetado. Para números reais, use uma versão compilada com o Qt WebEngine 6.10 ou mais recente (veja docs/sessions.md). &lt;a href=&quot;dismiss&quot;&gt;Dispensar&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Connect with c&amp;ode…</source>
        <translation>C&amp;onectar com código…</translation>
    </message>
    <message>
        <source>Link with phone number instead: a code to type on the phone, no camera needed</source>
        <translation>Conectar com número de telefone: um código para digitar no celular, sem precisar da câmera</translation>
    </message>
    <message>
        <source>Sent today: %1 · no daily warm-up limit</source>
        <translation>Enviadas hoje: %1 · sem limite diário de aquecimento</translation>
    </message>
    <message>
        <source>Warm-up day %1: %2 of %3 sent today, %4 left</source>
        <translation>Dia %1 de aquecimento: %2 de %3 enviadas hoje, restam %4</translation>
    </message>
    <message>
        <source>Linking with the code %1 instead of the QR code.</source>
        <translation>Conectando com o código %1 em vez do QR code.</translation>
    </message>
    <message>
        <source>Connect with code</source>
        <translation>Conectar com código</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Local API</source>
        <translation>API local</translation>
    </message>
    <message>
        <source>Listen &amp;address</source>
        <translation>&amp;Endereço de escuta</translation>
    </message>
    <message>
        <source>127.0.0.1</source>
        <translation>127.0.0.1</translation>
    </message>
    <message>
        <source>&amp;Port</source>
        <translation>&amp;Porta</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Números de telefone</translation>
    </message>
    <message>
        <source>Default &amp;region</source>
        <translation>&amp;Região padrão</translation>
    </message>
    <message>
        <source>NG</source>
        <translation>BR</translation>
    </message>
    <message>
        <source>Sending pace (real numbers; sandbox numbers are never paced)</source>
        <translation>Ritmo de envio (números reais; números sandbox nunca são limitados)</translation>
    </message>
    <message>
        <source>Pacing</source>
        <translation>Ritmo</translation>
    </message>
    <message>
        <source>&amp;Wait between messages like a person would</source>
        <translation>&amp;Esperar entre as mensagens como uma pessoa faria</translation>
    </message>
    <message>
        <source>Minimum &amp;delay</source>
        <translation>&amp;Intervalo mínimo</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Ma&amp;ximum delay</source>
        <translation>Intervalo má&amp;ximo</translation>
    </message>
    <message>
        <source>&amp;Typing time per character</source>
        <translation>&amp;Tempo de digitação por caractere</translation>
    </message>
    <message>
        <source>Daily &amp;cap per number</source>
        <translation>&amp;Limite diário por número</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessões</translation>
    </message>
    <message>
        <source>&amp;User agent</source>
        <translation>&amp;User agent</translation>
    </message>
    <message>
        <source>&amp;QR code timeout</source>
        <translation>Tempo limite do &amp;QR code</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>QR &amp;refreshes before giving up</source>
        <translation>&amp;Renovações do QR code antes de desistir</translation>
    </message>
    <message>
        <source>Concurrent &amp;starts</source>
        <translation>&amp;Inicializações simultâneas</translation>
    </message>
    <message>
        <source>Operator (admin) API token</source>
        <translation>Token da API do operador (admin)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Regenerate…</source>
        <translation>Gerar novo…</translation>
    </message>
    <message>
        <source>Sent as the x-admin-token header to the /admin routes.</source>
        <translation>Enviado no cabeçalho x-admin-token às rotas /admin.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Reverter</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Aplicar</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma do sistema</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <source>The admin token is on the clipboard.</source>
        <translation>O token de admin está na área de transferência.</translation>
    </message>
    <message>
        <source>Set by the environment variable %1.</source>
        <translation>Definido pela variável de ambiente %1.</translation>
    </message>
    <message>
        <source>Sent as the x-admin-token header to the /admin routes. Set by WAMATOR_ADMIN_TOKEN.</source>
        <translation>Enviado no cabeçalho x-admin-token às rotas /admin. Definido por WAMATOR_ADMIN_TOKEN.</translation>
    </message>
    <message>
        <source>Sent as the x-admin-token header to the /admin routes. Read from the token file.</source>
        <translation>Enviado no cabeçalho x-admin-token às rotas /admin. Lido do arquivo de token.</translation>
    </message>
    <message>
        <source>The listen address and port take effect at the next start; everything else applies at once.</source>
        <translation>O endereço de escuta e a porta valem a partir da próxima inicialização; todo o resto vale na hora.</translation>
    </message>
    <message>
        <source>Saved. The new address and port take effect at the next start.</source>
        <translation>Salvo. O novo endereço e a nova porta valem a partir da próxima inicialização.</translation>
    </message>
    <message>
        <source>Saved and applied.</source>
        <translation>Salvo e aplicado.</translation>
    </message>
    <message>
        <source>Regenerate admin token</source>
        <translation>Gerar novo token de admin</translation>
    </message>
    <message>
        <source>Generate a new admin token? Scripts that use the current one stop working.</source>
        <translation>Gerar um novo token de admin? Os scripts que usam o atual deixarão de funcionar.</translation>
    </message>
    <message>
        <source>A new admin token was generated.</source>
        <translation>Um novo token de admin foi gerado.</translation>
    </message>
    <message>
        <source>Page watchdog</source>
        <translation>Vigilância da página</translation>
    </message>
    <message>
        <source>How a number&apos;s WhatsApp page is watched, and recovered when it stops answering or its scripts never load (see docs/sessions.md).</source>
        <translation>Como a página do WhatsApp de um número é vigiada e recuperada quando para de responder ou seus scripts nunca carregam (veja docs/sessions.md).</translation>
    </message>
    <message>
        <source>Module API &amp;load timeout</source>
        <translation>Tempo limite de &amp;carga da API de módulos</translation>
    </message>
    <message>
        <source>&amp;Heartbeat every</source>
        <translation>&amp;Batimento a cada</translation>
    </message>
    <message>
        <source>Page &amp;hung after</source>
        <translation>Página &amp;travada após</translation>
    </message>
    <message>
        <source>Recovery &amp;attempts</source>
        <translation>&amp;Tentativas de recuperação</translation>
    </message>
    <message>
        <source>First recovery &amp;delay</source>
        <translation>&amp;Espera antes da primeira recuperação</translation>
    </message>
    <message>
        <source>&amp;Longest recovery delay</source>
        <translation>Espera de recuperação &amp;máxima</translation>
    </message>
    <message>
        <source>Opt-out</source>
        <translation>Descadastro</translation>
    </message>
    <message>
        <source>A customer whose whole message is one of these words (trimmed, ignoring case and accents) stops receiving the user&apos;s messages, or receives them again.</source>
        <translation>Um cliente cuja mensagem inteira é uma destas palavras (sem espaços nas pontas, ignorando maiúsculas e acentos) deixa de receber as mensagens do usuário, ou volta a recebê-las.</translation>
    </message>
    <message>
        <source>Opt-out &amp;keywords</source>
        <translation>Palavras de &amp;descadastro</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. STOP, UNSUBSCRIBE</source>
        <translation>Separadas por vírgulas, ex.: SAIR, PARAR</translation>
    </message>
    <message>
        <source>Opt-&amp;in keywords</source>
        <translation>Palavras de &amp;recadastro</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. START</source>
        <translation>Separadas por vírgulas, ex.: START</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Confirmação</translation>
    </message>
    <message>
        <source>Reply with a confirmatio&amp;n when a customer opts out</source>
        <translation>Respo&amp;nder com uma confirmação quando um cliente se descadastra</translation>
    </message>
    <message>
        <source>Confirmation &amp;message</source>
        <translation>&amp;Mensagem de confirmação</translation>
    </message>
    <message>
        <source>A template like any message: {{name}} and the other contact fields are filled in.</source>
        <translation>Um modelo como qualquer mensagem: {{name}} e os outros campos do contato são preenchidos.</translation>
    </message>
    <message>
        <source>Number checks</source>
        <translation>Verificação de números</translation>
    </message>
    <message>
        <source>Keep answers for</source>
        <translation>Guardar as respostas por</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dias</translation>
    </message>
    <message>
        <source>Whether a phone is on WhatsApp is not asked again for this long (checks and sends).</source>
        <translation>Durante este tempo, não se pergunta de novo se um telefone tem WhatsApp (verificações e envios).</translation>
    </message>
    <message>
        <source>Warm-up of new numbers</source>
        <translation>Aquecimento de números novos</translation>
    </message>
    <message>
        <source>A new real number may send only a few messages a day at first; the limit grows each day. Sends beyond it wait for the next day. Sandbox numbers are exempt.</source>
        <translation>Um número real novo só pode enviar poucas mensagens por dia no começo; o limite cresce a cada dia. Os envios além dele aguardam o dia seguinte. Números sandbox são isentos.</translation>
    </message>
    <message>
        <source>Warm-up</source>
        <translation>Aquecimento</translation>
    </message>
    <message>
        <source>Limit what new numbers send &amp;per day</source>
        <translation>Limitar o que os números no&amp;vos enviam por dia</translation>
    </message>
    <message>
        <source>Daily &amp;limits</source>
        <translation>Limite&amp;s diários</translation>
    </message>
    <message>
        <source>Day 1, day 2, …, e.g. 20, 30, 50</source>
        <translation>Dia 1, dia 2, …, ex.: 20, 30, 50</translation>
    </message>
    <message>
        <source>The limit of each day from the day the number was added; after the last one there is no warm-up limit.</source>
        <translation>O limite de cada dia a partir do dia em que o número foi adicionado; depois do último, não há mais limite de aquecimento.</translation>
    </message>
    <message>
        <source>Days counted in time &amp;zone</source>
        <translation>Dias contados no &amp;fuso horário</translation>
    </message>
    <message>
        <source>Empty: this computer&apos;s, or e.g. Africa/Lagos</source>
        <translation>Vazio: o deste computador, ou ex.: Africa/Lagos</translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <source>Disconnected</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Iniciando</translation>
    </message>
    <message>
        <source>Waiting for QR scan</source>
        <translation>Aguardando leitura do QR code</translation>
    </message>
    <message>
        <source>Authenticated</source>
        <translation>Autenticado</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Pronto</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>the QR code was not scanned in time</source>
        <translation>o QR code não foi lido a tempo</translation>
    </message>
    <message>
        <source>WhatsApp Web changed; the adapter needs an update</source>
        <translation>O WhatsApp Web mudou; o adaptador precisa ser atualizado</translation>
    </message>
    <message>
        <source>the page crashed</source>
        <translation>a página travou</translation>
    </message>
    <message>
        <source>logged out from the phone</source>
        <translation>desconectado pelo celular</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendente</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregue</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lida</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>WhatsApp Web refused this browser engine (too old)</source>
        <translation>O WhatsApp Web recusou este motor de navegador (antigo demais)</translation>
    </message>
    <message>
        <source>the WhatsApp Web page stopped responding</source>
        <translation>a página do WhatsApp Web parou de responder</translation>
    </message>
    <message>
        <source>Reloading with cleared caches did not help. Run Wamator on Debian 13 with Qt WebEngine 6.10 (see the README); sandbox numbers are not affected.</source>
        <translation>Recarregar com os caches limpos não resolveu. Execute o Wamator no Debian 13 com o Qt WebEngine 6.10 (veja o README); os números sandbox não são afetados.</translation>
    </message>
    <message>
        <source>Reloading with cleared caches did not help. Connect again; if it keeps hanging, run Wamator on Debian 13 with Qt WebEngine 6.10 (see the README).</source>
        <translation>Recarregar com os caches limpos não resolveu. Conecte de novo; se continuar travando, execute o Wamator no Debian 13 com o Qt WebEngine 6.10 (veja o README).</translation>
    </message>
    <message>
        <source>Install an updated whatsapp-adapter.js in the adapter folder of the data directory (see docs/sessions.md), then connect again.</source>
        <translation>Instale um whatsapp-adapter.js atualizado na pasta adapter do diretório de dados (veja docs/sessions.md) e conecte de novo.</translation>
    </message>
    <message>
        <source>Connect again and scan the new QR code.</source>
        <translation>Conecte de novo e escaneie o novo código QR.</translation>
    </message>
    <message>
        <source>opted out</source>
        <translation>descadastrado</translation>
    </message>
    <message>
        <source>not in the contact list</source>
        <translation>fora da lista de contatos</translation>
    </message>
    <message>
        <source>invalid phone number</source>
        <translation>número de telefone inválido</translation>
    </message>
    <message>
        <source>message too long for WhatsApp once filled in</source>
        <translation>mensagem longa demais para o WhatsApp depois de preenchida</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Imagem</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Áudio</translation>
    </message>
    <message>
        <source>Voice note</source>
        <translation>Mensagem de voz</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Figurinha</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Contact card</source>
        <translation>Cartão de contato</translation>
    </message>
    <message>
        <source>Reaction</source>
        <translation>Reação</translation>
    </message>
    <message>
        <source>Deleted message</source>
        <translation>Mensagem apagada</translation>
    </message>
    <message>
        <source>keyword from the customer</source>
        <translation>palavra-chave do cliente</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>operador</translation>
    </message>
    <message>
        <source>REST API</source>
        <translation>API REST</translation>
    </message>
    <message>
        <source>import</source>
        <translation>importação</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Agendada</translation>
    </message>
</context>
<context>
    <name>SubscriptionDialog</name>
    <message>
        <source>Subscription</source>
        <translation>Assinatura</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>&amp;Usuário</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>&amp;Plano</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>&amp;Ends</source>
        <translation>&amp;Término</translation>
    </message>
    <message>
        <source>Edit subscription</source>
        <translation>Editar assinatura</translation>
    </message>
    <message>
        <source>Give subscription</source>
        <translation>Conceder assinatura</translation>
    </message>
    <message>
        <source>%1 (%2 numbers, %3 messages / %4 days)</source>
        <translation>%1 (%2 números, %3 mensagens / %4 dias)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Ativa</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspensa</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirada</translation>
    </message>
    <message>
        <source>Create a plan first.</source>
        <translation>Crie um plano primeiro.</translation>
    </message>
    <message>
        <source>Choose a plan.</source>
        <translation>Escolha um plano.</translation>
    </message>
    <message>
        <source>Choose a user.</source>
        <translation>Escolha um usuário.</translation>
    </message>
    <message>
        <source>The end must be in the future.</source>
        <translation>O término deve estar no futuro.</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>User</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>&amp;Nome *</translation>
    </message>
    <message>
        <source>&amp;Email *</source>
        <translation>&amp;E-mail *</translation>
    </message>
    <message>
        <source>&amp;Company</source>
        <translation>Em&amp;presa</translation>
    </message>
    <message>
        <source>E&amp;xternal id</source>
        <translation>Identificador e&amp;xterno</translation>
    </message>
    <message>
        <source>The vendor&apos;s own id for this user</source>
        <translation>O identificador deste usuário no sistema do fornecedor</translation>
    </message>
    <message>
        <source>Edit user</source>
        <translation>Editar usuário</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Novo usuário</translation>
    </message>
    <message>
        <source>Name is required.</source>
        <translation>O nome é obrigatório.</translation>
    </message>
    <message>
        <source>Enter an email address like name@example.com.</source>
        <translation>Digite um endereço de e-mail como nome@exemplo.com.</translation>
    </message>
    <message>
        <source>&amp;Quiet hours</source>
        <translation>&amp;Horário de silêncio</translation>
    </message>
    <message>
        <source>No messages are sent between these times, in each recipient&apos;s local time. Messages wait; they do not fail.</source>
        <translation>Nenhuma mensagem é enviada entre estes horários, no horário local de cada destinatário. As mensagens aguardam; elas não falham.</translation>
    </message>
    <message>
        <source>Quiet hours start</source>
        <translation>Início do horário de silêncio</translation>
    </message>
    <message>
        <source>to</source>
        <translation>até</translation>
    </message>
    <message>
        <source>Quiet hours end</source>
        <translation>Fim do horário de silêncio</translation>
    </message>
</context>
<context>
    <name>UserPicker</name>
    <message>
        <source>&amp;Vendor:</source>
        <translation>&amp;Fornecedor:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Usuário:</translation>
    </message>
    <message>
        <source>All vendors</source>
        <translation>Todos os fornecedores</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Todos os usuários</translation>
    </message>
</context>
<context>
    <name>VendorDialog</name>
    <message>
        <source>Vendor</source>
        <translation>Fornecedor</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>&amp;Nome *</translation>
    </message>
    <message>
        <source>&amp;Email *</source>
        <translation>&amp;E-mail *</translation>
    </message>
    <message>
        <source>billing@example.com</source>
        <translation>cobranca@exemplo.com</translation>
    </message>
    <message>
        <source>&amp;Password *</source>
        <translation>&amp;Senha *</translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation>Pelo menos 8 caracteres</translation>
    </message>
    <message>
        <source>&amp;Company *</source>
        <translation>Em&amp;presa *</translation>
    </message>
    <message>
        <source>P&amp;hone *</source>
        <translation>&amp;Telefone *</translation>
    </message>
    <message>
        <source>+2348031234567</source>
        <translation>+5511987654321</translation>
    </message>
    <message>
        <source>Edit vendor</source>
        <translation>Editar fornecedor</translation>
    </message>
    <message>
        <source>New vendor</source>
        <translation>Novo fornecedor</translation>
    </message>
    <message>
        <source>Name is required.</source>
        <translation>O nome é obrigatório.</translation>
    </message>
</context>
<context>
    <name>VendorsPage</name>
    <message>
        <source>Vendors and users</source>
        <translation>Fornecedores e usuários</translation>
    </message>
    <message>
        <source>Vendors</source>
        <translation>Fornecedores</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Novo…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>E&amp;xcluir</translation>
    </message>
    <message>
        <source>Show API &amp;key</source>
        <translation>Mostrar a &amp;chave de API</translation>
    </message>
    <message>
        <source>Show the vendor&apos;s current API key</source>
        <translation>Mostrar a chave de API atual do fornecedor</translation>
    </message>
    <message>
        <source>&amp;Rotate key</source>
        <translation>&amp;Trocar a chave</translation>
    </message>
    <message>
        <source>Issue a new API key; the old one stops working at once</source>
        <translation>Emitir uma nova chave de API; a antiga deixa de funcionar na hora</translation>
    </message>
    <message>
        <source>Users of the vendor</source>
        <translation>Usuários do fornecedor</translation>
    </message>
    <message>
        <source>External id</source>
        <translation>Identificador externo</translation>
    </message>
    <message>
        <source>New &amp;user…</source>
        <translation>Novo &amp;usuário…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>Ed&amp;itar…</translation>
    </message>
    <message>
        <source>Dele&amp;te</source>
        <translation>Exc&amp;luir</translation>
    </message>
    <message>
        <source>WhatsApp numbers of the user</source>
        <translation>Números de WhatsApp do usuário</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Rótulo</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>&amp;Add number…</source>
        <translation>&amp;Adicionar número…</translation>
    </message>
    <message>
        <source>Edit &amp;label…</source>
        <translation>Editar &amp;rótulo…</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>Remo&amp;ver</translation>
    </message>
    <message>
        <source>Open in &amp;Sessions</source>
        <translation>Abrir em &amp;Sessões</translation>
    </message>
    <message>
        <source>Adding a number needs an active subscription (Plans page).</source>
        <translation>Adicionar um número exige uma assinatura ativa (página Planos).</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Chave de API</translation>
    </message>
    <message>
        <source>The vendor %1 was created. Give them this API key for the x-api-key header. It can be shown again here at any time.</source>
        <translation>O fornecedor %1 foi criado. Entregue a ele esta chave de API para o cabeçalho x-api-key. Ela pode ser mostrada de novo aqui a qualquer momento.</translation>
    </message>
    <message>
        <source>Delete vendor</source>
        <translation>Excluir fornecedor</translation>
    </message>
    <message>
        <source>Delete %1 with all its users, numbers, contacts and subscriptions? Their sessions are logged out. This cannot be undone.</source>
        <translation>Excluir %1 com todos os seus usuários, números, contatos e assinaturas? As sessões deles são desconectadas. Não é possível desfazer.</translation>
    </message>
    <message>
        <source>The vendor&apos;s current API key (header x-api-key):</source>
        <translation>Chave de API atual do fornecedor (cabeçalho x-api-key):</translation>
    </message>
    <message>
        <source>The vendor had no readable key; a new one was issued:</source>
        <translation>O fornecedor não tinha chave legível; uma nova foi emitida:</translation>
    </message>
    <message>
        <source>Rotate API key</source>
        <translation>Trocar a chave de API</translation>
    </message>
    <message>
        <source>Issue a new API key? The current key stops working at once; the vendor&apos;s integrations need the new one.</source>
        <translation>Emitir uma nova chave de API? A chave atual deixa de funcionar na hora; as integrações do fornecedor vão precisar da nova.</translation>
    </message>
    <message>
        <source>The new API key:</source>
        <translation>A nova chave de API:</translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation>Excluir usuário</translation>
    </message>
    <message>
        <source>Delete %1 with their numbers, contacts and subscriptions? Their sessions are logged out; the message history stays.</source>
        <translation>Excluir %1 com seus números, contatos e assinaturas? As sessões são desconectadas; o histórico de mensagens permanece.</translation>
    </message>
    <message>
        <source>Edit number</source>
        <translation>Editar número</translation>
    </message>
    <message>
        <source>Remove number</source>
        <translation>Remover número</translation>
    </message>
    <message>
        <source>Remove this WhatsApp number? Its session is logged out and its browser data deleted.</source>
        <translation>Remover este número de WhatsApp? A sessão é desconectada e os dados de navegação são apagados.</translation>
    </message>
</context>
<context>
    <name>WebhookDeliveryModel</name>
    <message numerus="yes">
        <source>Delivery %1 of event %2 (%3): %4 after %n attempt(s).</source>
        <translation>
            <numerusform>Entrega %1 do evento %2 (%3): %4 após %n tentativa.</numerusform>
            <numerusform>Entrega %1 do evento %2 (%3): %4 após %n tentativas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last answer: HTTP %1 in %2 ms.</source>
        <translation>Última resposta: HTTP %1 em %2 ms.</translation>
    </message>
    <message>
        <source>Last error: %1.</source>
        <translation>Último erro: %1.</translation>
    </message>
    <message>
        <source>Next attempt: %1.</source>
        <translation>Próxima tentativa: %1.</translation>
    </message>
    <message>
        <source>Delivered: %1.</source>
        <translation>Entregue: %1.</translation>
    </message>
    <message>
        <source>Answer (first bytes): %1</source>
        <translation>Resposta (primeiros bytes): %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1; next attempt %2</source>
        <translation>%1; próxima tentativa %2</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Criada</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentativas</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latência</translation>
    </message>
    <message>
        <source>Error / next attempt</source>
        <translation>Erro / próxima tentativa</translation>
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
        <translation>Eventos *</translation>
    </message>
    <message>
        <source>&amp;All events, including types added later</source>
        <translation>&amp;Todos os eventos, incluindo tipos adicionados depois</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>&amp;Usuário</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Descrição</translation>
    </message>
    <message>
        <source>E&amp;nabled</source>
        <translation>&amp;Ativado</translation>
    </message>
    <message>
        <source>Edit webhook endpoint</source>
        <translation>Editar endpoint de webhook</translation>
    </message>
    <message>
        <source>New webhook endpoint</source>
        <translation>Novo endpoint de webhook</translation>
    </message>
    <message>
        <source>Every user of the vendor</source>
        <translation>Todos os usuários do fornecedor</translation>
    </message>
    <message>
        <source>Enabling resumes delivery from where it stopped, in order.</source>
        <translation>Ativar retoma a entrega de onde parou, em ordem.</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>Usuário %1</translation>
    </message>
    <message>
        <source>Choose at least one event type.</source>
        <translation>Escolha pelo menos um tipo de evento.</translation>
    </message>
</context>
<context>
    <name>WebhookEndpointModel</name>
    <message>
        <source>Disabled: %1 (%2)</source>
        <translation>Desativado: %1 (%2)</translation>
    </message>
    <message>
        <source>Disabled: %1</source>
        <translation>Desativado: %1</translation>
    </message>
    <message>
        <source>Failing since %1</source>
        <translation>Falhando desde %1</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Ativado</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>Nenhuma ainda</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Todos os usuários</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Saúde</translation>
    </message>
    <message>
        <source>Last delivery</source>
        <translation>Última entrega</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
</context>
<context>
    <name>WebhookText</name>
    <message>
        <source>All events</source>
        <translation>Todos os eventos</translation>
    </message>
    <message>
        <source>Message status</source>
        <translation>Status da mensagem</translation>
    </message>
    <message>
        <source>Message received</source>
        <translation>Mensagem recebida</translation>
    </message>
    <message>
        <source>Session state</source>
        <translation>Estado da sessão</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>Código QR</translation>
    </message>
    <message>
        <source>Contact opted out</source>
        <translation>Contato descadastrado</translation>
    </message>
    <message>
        <source>Batch completed</source>
        <translation>Lote concluído</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Teste</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendente</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Bem-sucedida</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>every delivery failed for 3 days</source>
        <translation>todas as entregas falharam por 3 dias</translation>
    </message>
    <message>
        <source>the receiver answered 410 Gone</source>
        <translation>o receptor respondeu 410 Gone</translation>
    </message>
    <message>
        <source>disabled by hand</source>
        <translation>desativado manualmente</translation>
    </message>
    <message>
        <source>no answer within 10 s</source>
        <translation>sem resposta em 10 s</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>conexão recusada</translation>
    </message>
    <message>
        <source>host not found</source>
        <translation>host não encontrado</translation>
    </message>
    <message>
        <source>address not allowed</source>
        <translation>endereço não permitido</translation>
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
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Atualizar (F5)</translation>
    </message>
    <message>
        <source>&amp;Vendor:</source>
        <translation>&amp;Fornecedor:</translation>
    </message>
    <message>
        <source>&amp;Add endpoint…</source>
        <translation>&amp;Adicionar endpoint…</translation>
    </message>
    <message>
        <source>Register a URL that receives the vendor&apos;s events (Ctrl+N)</source>
        <translation>Registrar uma URL que recebe os eventos do fornecedor (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>Disa&amp;ble</source>
        <translation>De&amp;sativar</translation>
    </message>
    <message>
        <source>&amp;Rotate secret…</source>
        <translation>&amp;Trocar o segredo…</translation>
    </message>
    <message>
        <source>A new signing secret; the old one keeps signing alongside for 24 hours</source>
        <translation>Um novo segredo de assinatura; o antigo continua assinando junto por 24 horas</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>Enviar &amp;teste</translation>
    </message>
    <message>
        <source>Send a signed webhook.test event to this endpoint</source>
        <translation>Enviar um evento webhook.test assinado para este endpoint</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>E&amp;xcluir</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Entregas</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>&amp;Since</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>Re&amp;play</source>
        <translation>Re&amp;enviar</translation>
    </message>
    <message>
        <source>Deliver this event again (same webhook-id), after what is queued for the endpoint</source>
        <translation>Entregar este evento de novo (mesmo webhook-id), depois do que está na fila do endpoint</translation>
    </message>
    <message>
        <source>Could not load the endpoints: %1</source>
        <translation>Não foi possível carregar os endpoints: %1</translation>
    </message>
    <message numerus="yes">
        <source>The newest %n deliveries (narrow the filter to see older ones).</source>
        <translation>
            <numerusform>A entrega mais recente (refine o filtro para ver as mais antigas).</numerusform>
            <numerusform>As %n entregas mais recentes (refine o filtro para ver as mais antigas).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(ies)</source>
        <translation>
            <numerusform>%n entrega</numerusform>
            <numerusform>%n entregas</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the deliveries: %1</source>
        <translation>Não foi possível carregar as entregas: %1</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Qualquer</translation>
    </message>
    <message>
        <source>Deliveries to %1</source>
        <translation>Entregas para %1</translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <translation>&amp;Ativar</translation>
    </message>
    <message>
        <source>Enable: delivery resumes from where it stopped, in order</source>
        <translation>Ativar: a entrega retoma de onde parou, em ordem</translation>
    </message>
    <message>
        <source>Disable: events are still recorded and wait until it is enabled again</source>
        <translation>Desativar: os eventos continuam registrados e aguardam até ser ativado de novo</translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s) disabled: events for them are kept. Select one and press Enable to resume delivery from where it stopped.</source>
        <translation>
            <numerusform>%n endpoint desativado: seus eventos são mantidos. Selecione-o e clique em Ativar para retomar a entrega de onde parou.</numerusform>
            <numerusform>%n endpoints desativados: seus eventos são mantidos. Selecione um e clique em Ativar para retomar a entrega de onde parou.</numerusform>
        </translation>
    </message>
    <message>
        <source>No endpoints yet. Add one to have this vendor&apos;s events POSTed to a URL, signed (Standard Webhooks).</source>
        <translation>Nenhum endpoint ainda. Adicione um para que os eventos deste fornecedor sejam enviados (POST) a uma URL, assinados (Standard Webhooks).</translation>
    </message>
    <message>
        <source>Create a vendor first (Vendors and users page).</source>
        <translation>Crie um fornecedor primeiro (página Fornecedores e usuários).</translation>
    </message>
    <message>
        <source>The new signing secret of %1. It is shown only now: copy it to the receiver. The previous secret keeps signing alongside for 24 hours, so the receiver can switch without losing an event.</source>
        <translation>O novo segredo de assinatura de %1. Ele só é mostrado agora: copie-o para o receptor. O segredo anterior continua assinando junto por 24 horas, para que o receptor troque sem perder nenhum evento.</translation>
    </message>
    <message>
        <source>The signing secret of %1. It is shown only now: copy it to the receiver, which verifies the webhook-signature header with it (any Standard Webhooks library).</source>
        <translation>O segredo de assinatura de %1. Ele só é mostrado agora: copie-o para o receptor, que verifica com ele o cabeçalho webhook-signature (qualquer biblioteca Standard Webhooks).</translation>
    </message>
    <message>
        <source>Webhook signing secret</source>
        <translation>Segredo de assinatura do webhook</translation>
    </message>
    <message>
        <source>Endpoint %1 added.</source>
        <translation>Endpoint %1 adicionado.</translation>
    </message>
    <message>
        <source>Endpoint %1 saved.</source>
        <translation>Endpoint %1 salvo.</translation>
    </message>
    <message>
        <source>%1 enabled: delivery resumes from where it stopped.</source>
        <translation>%1 ativado: a entrega retoma de onde parou.</translation>
    </message>
    <message>
        <source>%1 disabled: its events wait until it is enabled again.</source>
        <translation>%1 desativado: seus eventos aguardam até ser ativado de novo.</translation>
    </message>
    <message>
        <source>New signing secret for %1; the previous one signs too for 24 hours.</source>
        <translation>Novo segredo de assinatura para %1; o anterior também assina por 24 horas.</translation>
    </message>
    <message>
        <source>Test event %1 queued for %2.</source>
        <translation>Evento de teste %1 na fila para %2.</translation>
    </message>
    <message>
        <source>Test event %1 queued for %2; it leaves when the endpoint is enabled.</source>
        <translation>Evento de teste %1 na fila para %2; ele sai quando o endpoint for ativado.</translation>
    </message>
    <message>
        <source>Delete webhook endpoint</source>
        <translation>Excluir endpoint de webhook</translation>
    </message>
    <message>
        <source>Delete %1? Its delivery log and the deliveries still waiting for it go with it.</source>
        <translation>Excluir %1? Seu registro de entregas e as entregas ainda pendentes vão junto.</translation>
    </message>
    <message>
        <source>Endpoint %1 deleted.</source>
        <translation>Endpoint %1 excluído.</translation>
    </message>
    <message>
        <source>Event %1 queued again (delivery %2, the same webhook-id).</source>
        <translation>Evento %1 de novo na fila (entrega %2, o mesmo webhook-id).</translation>
    </message>
</context>
</TS>
