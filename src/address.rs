// SPDX-License-Identifier: MIT OR Apache-2.0
//! The typed result of parsing: [`Chain`], [`Kind`] and [`Address`].
//!
//! An [`Address`] is only ever built by a chain parser, so holding one means the string it came
//! from was a well-formed address. Its canonical bytes are what the blocklist keys on.

use core::fmt;
use core::str::FromStr;

use crate::error::{ErrorKind, ParseError};
use crate::small_bytes::SmallBytes;

/// A chain (or chain family) an address can belong to.
///
/// The ids returned by [`Chain::id`] are part of the public interface (CLI JSON, wasm, lists).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Chain {
    /// Bitcoin mainnet.
    Bitcoin,
    /// Bitcoin testnet, signet and regtest: coins with no value.
    BitcoinTestnet,
    /// Litecoin.
    Litecoin,
    /// Dogecoin.
    Dogecoin,
    /// Dash.
    Dash,
    /// Zcash transparent addresses.
    Zcash,
    /// Bitcoin Cash (cashaddr and legacy base58).
    BitcoinCash,
    /// Ethereum and every EVM chain (BNB Smart Chain, Polygon, Arbitrum, Base, ...).
    Evm,
    /// Tron.
    Tron,
    /// Solana.
    Solana,
    /// XRP Ledger mainnet.
    Xrp,
    /// XRP Ledger testnet X-addresses.
    XrpTestnet,
    /// TON.
    Ton,
    /// Stellar.
    Stellar,
    /// Cosmos-SDK chains (the bech32 hrp says which).
    Cosmos,
    /// Polkadot and Substrate chains (the SS58 prefix says which).
    Polkadot,
    /// Cardano.
    Cardano,
    /// Monero.
    Monero,
    // New chains go last: `Chain::code` is the position here, stored in lists.
    /// Bitcoin Cash testnet and regtest (`bchtest:…`, `bchreg:…`): coins with no value.
    BitcoinCashTestnet,
    /// Monero testnet and stagenet: coins with no value.
    MoneroTestnet,
    /// Verge (XVG): its `D…` addresses are also Dogecoin's (same version byte).
    Verge,
}

impl Chain {
    /// Every chain, in the order results list them.
    pub const ALL: [Chain; 21] = [
        Chain::Bitcoin,
        Chain::BitcoinTestnet,
        Chain::Litecoin,
        Chain::Dogecoin,
        Chain::Dash,
        Chain::Zcash,
        Chain::BitcoinCash,
        Chain::Evm,
        Chain::Tron,
        Chain::Solana,
        Chain::Xrp,
        Chain::XrpTestnet,
        Chain::Ton,
        Chain::Stellar,
        Chain::Cosmos,
        Chain::Polkadot,
        Chain::Cardano,
        Chain::Monero,
        Chain::BitcoinCashTestnet,
        Chain::MoneroTestnet,
        Chain::Verge,
    ];

    /// The stable machine id, e.g. `"bitcoin-cash"`.
    ///
    /// # Examples
    /// ```
    /// use wallet_risk::Chain;
    /// assert_eq!(Chain::BitcoinCash.id(), "bitcoin-cash");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            Chain::Bitcoin => "bitcoin",
            Chain::BitcoinTestnet => "bitcoin-testnet",
            Chain::Litecoin => "litecoin",
            Chain::Dogecoin => "dogecoin",
            Chain::Dash => "dash",
            Chain::Zcash => "zcash",
            Chain::BitcoinCash => "bitcoin-cash",
            Chain::Evm => "evm",
            Chain::Tron => "tron",
            Chain::Solana => "solana",
            Chain::Xrp => "xrp",
            Chain::XrpTestnet => "xrp-testnet",
            Chain::Ton => "ton",
            Chain::Stellar => "stellar",
            Chain::Cosmos => "cosmos",
            Chain::Polkadot => "polkadot",
            Chain::Cardano => "cardano",
            Chain::Monero => "monero",
            Chain::BitcoinCashTestnet => "bitcoin-cash-testnet",
            Chain::MoneroTestnet => "monero-testnet",
            Chain::Verge => "verge",
        }
    }

    /// "a" or "an", whichever English puts before [`Chain::name`] ("an Ethereum/EVM address",
    /// "an XRP address", "a Bitcoin address").
    pub const fn article(self) -> &'static str {
        match self {
            Chain::Evm | Chain::Xrp | Chain::XrpTestnet => "an",
            _ => "a",
        }
    }

    /// The name people know, for messages, e.g. `"Bitcoin Cash"`.
    pub const fn name(self) -> &'static str {
        match self {
            Chain::Bitcoin => "Bitcoin",
            Chain::BitcoinTestnet => "Bitcoin testnet",
            Chain::Litecoin => "Litecoin",
            Chain::Dogecoin => "Dogecoin",
            Chain::Dash => "Dash",
            Chain::Zcash => "Zcash",
            Chain::BitcoinCash => "Bitcoin Cash",
            Chain::Evm => "Ethereum/EVM",
            Chain::Tron => "Tron",
            Chain::Solana => "Solana",
            Chain::Xrp => "XRP",
            Chain::XrpTestnet => "XRP testnet",
            Chain::Ton => "TON",
            Chain::Stellar => "Stellar",
            Chain::Cosmos => "Cosmos",
            Chain::Polkadot => "Polkadot",
            Chain::Cardano => "Cardano",
            Chain::Monero => "Monero",
            Chain::BitcoinCashTestnet => "Bitcoin Cash testnet",
            Chain::MoneroTestnet => "Monero testnet or stagenet",
            Chain::Verge => "Verge",
        }
    }

    /// The chain with this [`id`](Chain::id), if any.
    ///
    /// # Examples
    /// ```
    /// use wallet_risk::Chain;
    /// assert_eq!(Chain::from_id("tron"), Some(Chain::Tron));
    /// assert_eq!(Chain::from_id("TRON"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Chain> {
        Chain::ALL.into_iter().find(|c| c.id() == id)
    }

    /// A one-byte code for binary formats (the blocklist). Stable: never renumber.
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// The chain with this [`code`](Chain::code), if any.
    pub fn from_code(code: u8) -> Option<Chain> {
        Chain::ALL.get(usize::from(code)).copied()
    }

    /// Whether coins on this chain have no value (testnets).
    pub const fn is_testnet(self) -> bool {
        matches!(
            self,
            Chain::BitcoinTestnet
                | Chain::XrpTestnet
                | Chain::BitcoinCashTestnet
                | Chain::MoneroTestnet
        )
    }
}

impl fmt::Display for Chain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What kind of address (script type or account form) a string encodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// Pay to public key hash (base58 `1…`, `L…`, `D…`, cashaddr `q…`).
    P2pkh,
    /// Pay to script hash (base58 `3…`, `M…`, cashaddr `p…`).
    P2sh,
    /// Bitcoin Cash pay to 32-byte script hash.
    P2sh32,
    /// Segwit v0 key hash (20-byte program).
    P2wpkh,
    /// Segwit v0 script hash (32-byte program).
    P2wsh,
    /// Segwit v1 taproot.
    P2tr,
    /// A witness version 2..=16 not yet given meaning (valid per BIP-350).
    WitnessUnknown,
    /// An account (EVM, Tron, Solana, Stellar, Cosmos, Polkadot).
    Account,
    /// A Cosmos-SDK 32-byte address (module or contract account).
    Contract,
    /// XRP classic `r…` address.
    XrpClassic,
    /// XRP X-address (account plus optional destination tag).
    XAddress,
    /// TON raw form `workchain:hex`.
    TonRaw,
    /// TON user-friendly bounceable form.
    TonBounceable,
    /// TON user-friendly non-bounceable form.
    TonNonBounceable,
    /// Cardano Shelley base address (payment + stake part).
    CardanoBase,
    /// Cardano Shelley pointer address.
    CardanoPointer,
    /// Cardano Shelley enterprise address (payment part only).
    CardanoEnterprise,
    /// Cardano Shelley reward (stake) address.
    CardanoReward,
    /// Cardano Byron (base58) address.
    CardanoByron,
    /// Monero standard address.
    MoneroStandard,
    /// Monero subaddress.
    MoneroSubaddress,
    /// Monero integrated address (standard address plus payment id).
    MoneroIntegrated,
    /// Zcash TEX address ([ZIP-320]): a P2PKH key hash that only accepts funds from
    /// transparent sources, `tex1…`. Same canonical bytes as the `t1…` address of that hash.
    ///
    /// [ZIP-320]: <https://zips.z.cash/zip-0320>
    ZcashTex,
}

impl Kind {
    /// The stable machine id, e.g. `"p2wpkh"`.
    pub const fn id(self) -> &'static str {
        match self {
            Kind::P2pkh => "p2pkh",
            Kind::P2sh => "p2sh",
            Kind::P2sh32 => "p2sh32",
            Kind::P2wpkh => "p2wpkh",
            Kind::P2wsh => "p2wsh",
            Kind::P2tr => "p2tr",
            Kind::WitnessUnknown => "witness-unknown",
            Kind::Account => "account",
            Kind::Contract => "contract",
            Kind::XrpClassic => "classic",
            Kind::XAddress => "x-address",
            Kind::TonRaw => "raw",
            Kind::TonBounceable => "bounceable",
            Kind::TonNonBounceable => "non-bounceable",
            Kind::CardanoBase => "base",
            Kind::CardanoPointer => "pointer",
            Kind::CardanoEnterprise => "enterprise",
            Kind::CardanoReward => "reward",
            Kind::CardanoByron => "byron",
            Kind::MoneroStandard => "standard",
            Kind::MoneroSubaddress => "subaddress",
            Kind::MoneroIntegrated => "integrated",
            Kind::ZcashTex => "tex",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Chain-specific facts that are not part of the canonical key but that a person may need.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Detail {
    /// Nothing more to say.
    None,
    /// Cosmos-SDK bech32 human-readable part, e.g. `"osmo"`.
    CosmosHrp(String),
    /// SS58 network prefix (0 Polkadot, 2 Kusama, 42 generic Substrate).
    Ss58Prefix(u16),
    /// XRP X-address destination tag.
    XrpTag(Option<u64>),
    /// TON user-friendly flags.
    TonFlags {
        /// The address asks for bounceable messages.
        bounceable: bool,
        /// The address is flagged for testnet only.
        testnet_only: bool,
    },
    /// Monero integrated address payment id.
    MoneroPaymentId([u8; 8]),
    /// Cardano network id (0 testnets, 1 mainnet; Byron mainnet has none).
    CardanoNetwork(u8),
    /// A Bitcoin regtest segwit address (`bcrt1…`): [`Chain::BitcoinTestnet`] with the regtest
    /// hrp, which its display keeps.
    BitcoinRegtest,
}

/// A parsed, well-formed address on one chain.
///
/// `Display` prints the canonical encoding (EIP-55 for EVM, lowercase bech32, cashaddr with
/// prefix, ...); `Debug` prints the raw canonical bytes.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Address {
    chain: Chain,
    kind: Kind,
    bytes: SmallBytes,
    detail: Detail,
}

impl Address {
    /// Builds an address. Only chain parsers call this: they are what makes it valid.
    pub(crate) fn new(
        chain: Chain,
        kind: Kind,
        bytes: impl Into<SmallBytes>,
        detail: Detail,
    ) -> Address {
        Address {
            chain,
            kind,
            bytes: bytes.into(),
            detail,
        }
    }

    /// The chain this address belongs to.
    pub fn chain(&self) -> Chain {
        self.chain
    }

    /// The kind of address.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Canonical bytes: what the blocklist keys on, identical for every spelling of one address.
    ///
    /// Bitcoin family: the output script. EVM: the 20-byte account. Tron: `0x41` + 20 bytes.
    /// Solana, Stellar, Polkadot: the 32-byte public key. XRP: the 20-byte account id (so every
    /// X-address tag of an account matches). TON: workchain byte + 32-byte hash. Cosmos: the
    /// data bytes. Cardano: the address bytes. Monero: spend key + view key.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.as_slice()
    }

    /// The canonical bytes as stored, for building another address with the same bytes.
    pub(crate) fn canonical_bytes(&self) -> &SmallBytes {
        &self.bytes
    }

    /// Chain-specific details (hrp, SS58 prefix, tag, flags).
    pub fn detail(&self) -> &Detail {
        &self.detail
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::chains::fmt_canonical(self, f)
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Address({} {} {}",
            self.chain,
            self.kind,
            hex::encode(self.as_bytes())
        )?;
        if self.detail != Detail::None {
            write!(f, " {:?}", self.detail)?;
        }
        f.write_str(")")
    }
}

impl FromStr for Address {
    type Err = ParseError;

    /// Parses any supported address and returns the first chain it is valid on.
    /// Use [`crate::parse`] to see every chain and the input warnings.
    fn from_str(s: &str) -> Result<Address, ParseError> {
        let parsed = crate::parse(s)?;
        // `parse` never returns an empty list; fall back to an error rather than panic.
        parsed
            .addresses
            .into_iter()
            .next()
            .ok_or(ParseError::new(ErrorKind::Unrecognized, None))
    }
}
