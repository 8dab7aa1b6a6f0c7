// Issue #10: HttpRequestHead (the TCP guard's request head parser) on any bytes. Input: the
// bytes a client sends, from the start of a request. Properties: scan() finds the same end
// whether the bytes come at once or in pieces; a head parse() accepts has CRLF line ends only
// (never a bare LF or CR: QHttpServer would frame it differently), ends at its first CRLFCRLF,
// has no folded lines, at most kMaxFields fields, and a Content-Length that is the digits of
// its (one, or identical) field; a refusal is 400, 411 or 431.
#include "FuzzInput.h"
#include "HttpRequestHead.h"

namespace {

bool isDigits(QByteArrayView v)
{
    if (v.isEmpty())
        return false;
    for (const char c : v)
        if (c < '0' || c > '9')
            return false;
    return true;
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

void checkAccepted(const QByteArray &head, const HttpRequestHead &h)
{
    for (qsizetype i = 0; i < head.size(); ++i) {
        if (head.at(i) == '\n' && (i == 0 || head.at(i - 1) != '\r'))
            fuzz::fail("accepted a head with a bare LF");
        if (head.at(i) == '\r' && (i + 1 >= head.size() || head.at(i + 1) != '\n'))
            fuzz::fail("accepted a head with a bare CR");
    }
    if (!head.endsWith("\r\n\r\n") || head.indexOf("\r\n\r\n") != head.size() - 4)
        fuzz::fail("accepted a head that does not end at its first CRLFCRLF");
    if (head.contains("\r\n ") || head.contains("\r\n\t"))
        fuzz::fail("accepted a folded header line");
    if (h.method.isEmpty() || h.target.isEmpty() || (h.minorVersion != 0 && h.minorVersion != 1))
        fuzz::fail("accepted a head without method, target or HTTP/1.x version");
    if (h.fieldCount > HttpRequestHead::kMaxFields)
        fuzz::fail("accepted more fields than QHttpServer parses");
    if (h.contentLength < 0 || (!h.hasContentLength && h.contentLength != 0))
        fuzz::fail("Content-Length negative or invented");
    // Every Content-Length field, read naively, is the digits of contentLength.
    int seen = 0;
    const QList<QByteArray> lines = head.first(head.size() - 4).split('\n');
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).endsWith('\r') ? lines.at(i).chopped(1) : lines.at(i);
        if (line.size() > HttpRequestHead::kMaxFieldLineBytes)
            fuzz::fail("accepted a field line longer than QHttpServer parses");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            fuzz::fail("accepted a field line without a name");
        if (line.first(colon).compare("content-length", Qt::CaseInsensitive) != 0)
            continue;
        ++seen;
        const QByteArrayView value = trimmed(QByteArrayView(line).sliced(colon + 1));
        if (!isDigits(value) || value.toLongLong() != h.contentLength)
            fuzz::fail("Content-Length is not the digits of its field");
    }
    if ((seen > 0) != h.hasContentLength)
        fuzz::fail("hasContentLength disagrees with the fields");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    // Scanning in pieces (as the guard does, resuming one byte back) finds the same end.
    const HttpRequestHead::Scan whole = HttpRequestHead::scan(input);
    HttpRequestHead::Scan pieces;
    const qsizetype step = size > 0 ? 1 + (data[0] % 7) : 1;
    for (qsizetype end = qMin<qsizetype>(step, input.size());;
         end = qMin(end + step, input.size())) {
        pieces = HttpRequestHead::scan(QByteArrayView(input).first(end), end - step - 1);
        if (pieces.framing != HttpRequestHead::Framing::Incomplete || end == input.size())
            break;
    }
    if (pieces.framing != whole.framing || pieces.size != whole.size)
        fuzz::fail("scanning in pieces and at once disagree");
    if (whole.framing == HttpRequestHead::Framing::Complete) {
        if (whole.size < 4 || whole.size > input.size() ||
            QByteArrayView(input).first(whole.size).last(4) != "\r\n\r\n")
            fuzz::fail("a complete head does not end with CRLFCRLF");
    }

    const HttpRequestHead h = HttpRequestHead::parse(input);
    if (h.ok) {
        checkAccepted(input, h);
        if (whole.framing != HttpRequestHead::Framing::Complete || whole.size != input.size())
            fuzz::fail("parse accepted what scan does not frame as one head");
    } else if (h.errorStatus != 400 && h.errorStatus != 411 && h.errorStatus != 431) {
        fuzz::fail("a refusal that is not 400, 411 or 431");
    } else if (h.errorCode.isEmpty() || h.errorMessage.isEmpty()) {
        fuzz::fail("a refusal without code or message");
    }
    // The framed head alone parses (or is refused) the same way the guard would see it.
    if (whole.framing == HttpRequestHead::Framing::Complete && whole.size < input.size()) {
        const QByteArray head = input.first(whole.size);
        const HttpRequestHead framed = HttpRequestHead::parse(head);
        if (framed.ok)
            checkAccepted(head, framed);
    }
    h.isWebSocketUpgrade();
    return 0;
}
