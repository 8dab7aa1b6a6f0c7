// Wamator's bridge, injected after qwebchannel.js into Qt's ApplicationWorld (isolated from the
// page's own scripts) at document creation. It relays JSON strings between the adapter in the
// main world (DOM CustomEvents on `document`, which both worlds see) and C++ (the QWebChannel
// object `wamatorBridge`: fromPage(json) and the signal toPage(json)).
(function () {
    'use strict';
    var bridge = null;
    var queue = [];

    document.addEventListener('wamator:event', function (event) {
        if (typeof event.detail !== 'string')
            return;
        if (bridge)
            bridge.fromPage(event.detail);
        else
            queue.push(event.detail);
    });

    var attempts = 0;
    (function connect() {
        // qt.webChannelTransport can appear a little after document creation.
        if (typeof qt === 'undefined' || !qt.webChannelTransport) {
            if (++attempts < 500)
                setTimeout(connect, 10);
            return;
        }
        new QWebChannel(qt.webChannelTransport, function (channel) {
            var object = channel.objects.wamatorBridge;
            object.toPage.connect(function (json) {
                document.dispatchEvent(new CustomEvent('wamator:request', {detail: json}));
            });
            bridge = object;
            bridge.fromPage(JSON.stringify({type: 'bridge'}));
            var pending = queue;
            queue = [];
            for (var i = 0; i < pending.length; ++i)
                bridge.fromPage(pending[i]);
        });
    })();
})();
