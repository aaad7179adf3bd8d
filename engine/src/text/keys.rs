//! Static evidence keys produced by the text parser: dialog sentences recognised without a
//! code (`msg:*`), soft hints from the user's own words (`hint:*`) and facts from pasted
//! network-tool output (`net:*`). Stable: add, never rename or reuse.

use crate::evidence::KeyInfo;

macro_rules! keys {
    ($($k:literal => $d:literal),* $(,)?) => { &[$(KeyInfo { key: $k, description: $d }),*] };
}

pub static MESSAGE_KEYS: &[KeyInfo] = keys! {
    "msg:nla-required" => "Dialog: the remote computer requires Network Level Authentication, which the client does not support",
    "msg:credssp-oracle" => "Dialog: authentication error, possibly CredSSP encryption oracle remediation",
    "msg:internal-error" => "Dialog: An internal error has occurred",
    "msg:cert-untrusted" => "Dialog: the identity of the remote computer cannot be verified / certificate not from a trusted authority",
    "msg:cert-name-mismatch" => "Dialog: the name in the certificate does not match the computer name",
    "msg:cert-expired" => "Dialog: the certificate has expired or is not yet valid",
    "msg:cert-revocation" => "Dialog: revocation check for the certificate could not be done",
    "msg:licensing" => "Dialog: licensing protocol error or no Remote Desktop License Server available",
    "msg:console-session" => "Dialog: a console session is already in progress (connecting to yourself)",
    "msg:connection-limit" => "Dialog: the number of connections to this computer is limited",
    "msg:cant-connect-reasons" => "Dialog: can't connect to the remote computer for one of these reasons (access not enabled, turned off, not on network)",
    "msg:auth-error" => "Dialog: an authentication error has occurred",
    "msg:logon-failure" => "Dialog: the logon attempt failed / credentials did not work",
    "msg:account-restriction" => "Dialog: account restriction or logon type not granted",
    "msg:not-authorized" => "Dialog: the connection was denied because the user account is not authorized for remote login",
    "msg:password-expired" => "Dialog: the password has expired or must be changed",
    "msg:account-locked" => "Dialog: the account is locked out or disabled",
    "msg:time-skew" => "Dialog: the time or date differs between this computer and the remote computer",
    "msg:gateway" => "Dialog: Remote Desktop Gateway unavailable or refused",
    "msg:protocol-error" => "Dialog: because of a protocol error this session will be disconnected",
    "msg:network-lost" => "Dialog: the connection to the remote computer was lost / network problem",
    "msg:another-user" => "Dialog: another user is connected / session taken over",
    "msg:pc-not-found" => "Dialog: the remote PC can't be found (name resolution)",
    "msg:timed-out" => "Dialog: the two computers couldn't connect in the amount of time allotted",
    "msg:security-layer" => "Text: the server only uses Standard RDP Security / security layer negotiation failed",
    "msg:ssl-error" => "Dialog or log: an SSL/TLS handshake or security package error",
    "msg:generic-cant-connect" => "Dialog: this computer can't connect to the remote computer (the generic dialog that carries 0x904/0x7; server-side TLS/certificate failures)",
    "msg:lsa-unreachable" => "Dialog: the Local Security Authority / domain controller cannot be contacted (NLA cannot check credentials)",
    "msg:host-key-changed" => "FreeRDP log: the server certificate differs from the one remembered for this host (known_hosts)",
    "msg:server-resource" => "Log or dialog: the server hit a bug or resource limit (graphics subsystem, display components failed)",
    "msg:nego-failed" => "FreeRDP log: protocol security negotiation failed",
    "msg:connection-reset" => "Log: the connection was reset by the peer or the pipe broke",
    "msg:server-key-unreadable" => "xrdp log: the server cannot read its certificate private key",
};

pub static HINT_KEYS: &[KeyInfo] = keys! {
    "hint:vpn" => "User mentions a VPN",
    "hint:azure" => "The server is an Azure VM",
    "hint:gateway" => "A Remote Desktop Gateway is involved",
    "hint:after-update" => "It started after a Windows update",
    "hint:renamed" => "The server was renamed or re-imaged",
    "hint:works-other-pcs" => "It works from other PCs",
    "hint:works-by-ip" => "It works when connecting by IP address",
    "hint:only-from-home" => "It fails only from home / outside the office",
    "hint:mac-client" => "The client is a Mac",
    "hint:mobile-client" => "The client is an iPad, iPhone or Android device",
    "hint:windows-app" => "The client is the Windows App / Store Remote Desktop app",
    "hint:worked-before" => "It used to work",
    "hint:never-worked" => "It never worked (new server or new setup)",
    "hint:intermittent" => "It fails intermittently or drops after a while",
    "hint:many-users" => "Many users are affected at once",
    "hint:single-user" => "Only one user is affected",
    "hint:wifi" => "The client is on Wi-Fi or a hotspot",
    "hint:proxy" => "An RDP proxy, load balancer or TLS inspection device is in the path",
    "hint:hyper-v" => "The server is a Hyper-V VM",
    "hint:cert-changed" => "The server's certificate was changed, renewed or deleted",
    "hint:password-changed" => "The user's password was changed recently",
    "hint:rds-farm" => "The server is part of an RDS farm / session host deployment",
    "hint:firewall-changed" => "Firewall or security software was changed recently",
    "hint:server-rebooted" => "The server was rebooted or restored recently",
};

pub static NET_KEYS: &[KeyInfo] = keys! {
    "net:tcp-ok" => "Test-NetConnection or similar: TCP connect to the RDP port succeeded",
    "net:tcp-failed" => "Test-NetConnection or similar: TCP connect to the RDP port failed",
    "net:ping-ok" => "Ping succeeded",
    "net:ping-failed" => "Ping failed",
    "net:dns-ok" => "The name resolved",
    "net:dns-failed" => "The name did not resolve",
    "net:dns-self" => "The name resolved to the client itself (loopback or own address)",
    "net:loss-high" => "Packet loss of 5% or more",
    "net:latency-high" => "Round-trip latency of 150 ms or more",
    "net:listening" => "netstat shows something listening on the RDP port",
    "net:not-listening" => "netstat shows nothing listening on the RDP port",
    "net:session-active" => "qwinsta shows an active or disconnected session for the user",
};
