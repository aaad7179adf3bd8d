//! Static evidence keys produced by the text parser: dialog sentences recognised without a
//! code (`msg:*`), soft hints from the user's own words (`hint:*`) and facts from pasted
//! network-tool output (`net:*`). Stable: add, never rename or reuse.

use crate::finding::KeyInfo;

macro_rules! keys {
    ($($k:literal => $d:literal),* $(,)?) => { &[$(KeyInfo { key: $k, description: $d }),*] };
}

/// Meaning of a key of this parser (`msg:*`, `hint:*`, `ctx:*`, `net:*`), if it is one.
pub fn describe(key: &str) -> Option<&'static str> {
    MESSAGE_KEYS
        .iter()
        .chain(HINT_KEYS)
        .chain(CONTEXT_KEYS)
        .chain(NET_KEYS)
        .find(|k| k.key == key)
        .map(|k| k.description)
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
    "msg:account-disabled" => "Dialog or log: the user account is disabled",
    "msg:must-change-password" => "Dialog or log: the user must change the password before signing in",
    "msg:credential-guard" => "Dialog or log: Remote Credential Guard or Restricted Admin mode is required or refused",
    "msg:xrdp-session-failed" => "xrdp/sesman log or dialog: the session (Xorg, Xvnc or the window manager) could not be started",
    "msg:xrdp-sesman-unreachable" => "xrdp log: xrdp could not connect to or log in through sesman",
    "msg:guac-upstream-error" => "Guacamole: the remote desktop server is unavailable or reported an upstream error",
    "msg:guac-security-negotiation" => "guacd log: RDP security negotiation with the host failed (security mode setting)",
    "msg:avd-host-unavailable" => "Windows App / AVD / Windows 365: no session host is available or the host is not healthy",
    "msg:entra-signin" => "Dialog or log: Microsoft Entra ID (Azure AD) sign-in to the host failed",
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

/// What the text or the reporter says about the setup around the failure: which client,
/// gateway, server software, cloud or VPN, and what changed. Soft evidence (negation-aware,
/// like `hint:*`).
pub static CONTEXT_KEYS: &[KeyInfo] = keys! {
    "ctx:client:mstsc" => "The client is Windows' Remote Desktop Connection (mstsc)",
    "ctx:client:windows-app" => "The client is Windows App / the Remote Desktop app (Store, macOS, iOS, Android)",
    "ctx:client:freerdp" => "The client is FreeRDP (xfreerdp, wlfreerdp, sdl-freerdp)",
    "ctx:client:remmina" => "The client is Remmina",
    "ctx:client:mremoteng" => "The client is mRemoteNG",
    "ctx:client:rdesktop" => "The client is rdesktop",
    "ctx:client:royal" => "The client is Royal TS / Royal TSX",
    "ctx:client:ironrdp" => "The client is IronRDP or a product built on it",
    "ctx:client:web" => "The client is a browser-based RDP gateway (Guacamole, Teleport, JumpServer, MeshCentral and the like)",
    "ctx:gateway:guacamole" => "Apache Guacamole (or a product built on it) is in the path",
    "ctx:gateway:rd-gateway" => "A Microsoft RD Gateway is in the path",
    "ctx:gateway:teleport" => "Teleport desktop access is in the path",
    "ctx:server:xrdp" => "The server is xrdp (Linux)",
    "ctx:server:windows-client-os" => "The server is a Windows client edition (Windows 10/11, Home or Pro)",
    "ctx:server:windows-server" => "The server is Windows Server",
    "ctx:server:old-windows" => "The server is an old Windows (XP, 2003, 7, 2008/R2)",
    "ctx:server:rdpwrap" => "RDP Wrapper is installed on the server",
    "ctx:server:avd" => "The host is an Azure Virtual Desktop session host or a Windows 365 Cloud PC",
    "ctx:server:entra-joined" => "The host is Microsoft Entra ID (Azure AD) joined",
    "ctx:cloud:azure" => "The server runs in Azure",
    "ctx:cloud:aws" => "The server runs in AWS (EC2)",
    "ctx:cloud:gcp" => "The server runs in Google Cloud",
    "ctx:vpn:overlay" => "An overlay or agent VPN is used (Tailscale, ZeroTier, WireGuard, an SSL VPN agent)",
    "ctx:change:update" => "It started after an update (Windows, client or server software)",
    "ctx:change:hardening" => "It started after a hardening, debloat or security tool or baseline was applied",
    "ctx:change:password" => "It started after a password change or account change",
    "ctx:change:new-install" => "A new installation or a fresh setup",
    "ctx:where:vpn-only" => "It fails only over the VPN (or only without it)",
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
