//! The Contoso network's data: its members, the logged-on user's friends, what members
//! posted, and the documents built from them. Nothing here knows about sessions.

use osc_schema::hash::hash_email;
use osc_schema::model::{
    ActivityDetails, ActivityFeed, ActivityTemplate, ActivityTemplateContainer, ActivityType,
    Capabilities, FriendStatus, Gender, HashFunction, Person, SimpleTemplateVariable,
    SimpleVariableType, TemplateVariable, TemplateVariableType,
};
use osc_schema::xs::{AnyUri, XsDateTime};

/// The network's display name.
pub const NETWORK_NAME: &str = "Contoso Social";
/// The network's site, the only entry of `DefaultSiteUrls`.
pub const SITE_URL: &str = "https://social.contoso.example/";
/// The forms-based logon page.
pub const LOGON_URL: &str = "https://social.contoso.example/osc/logon";
/// The hash the OSC applies to addresses for on-demand lookups.
pub const HASH: HashFunction = HashFunction::Sha1;
/// The one account the in-memory network accepts.
pub const ACCOUNT_USER: &str = "mia@contoso.example";
/// Its password (with a non-ASCII character, as the OSC's test plan asks).
pub const ACCOUNT_PASSWORD: &str = "correct horse · battery staple";
/// The account's member ID.
pub const ME: &str = "contoso-mia";
/// The friends the account starts with.
pub const FIRST_FRIENDS: [&str; 4] = [
    "contoso-ben",
    "contoso-chloe",
    "contoso-david",
    "contoso-ena",
];

/// A 1×1 blue PNG: the network icon.
pub const ICON_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x60, 0xA8, 0xB8, 0x02,
    0x00, 0x01, 0xC8, 0x01, 0x4D, 0xF2, 0x35, 0x6F, 0xE9, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
    0x44, 0xAE, 0x42, 0x60, 0x82,
];
/// A 1×1 grey PNG: every member's picture.
pub const AVATAR_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x68, 0x68, 0x68, 0x00,
    0x00, 0x03, 0x04, 0x01, 0x81, 0x75, 0x2E, 0x01, 0xBC, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
    0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// A member of the network.
#[derive(Debug)]
pub struct Member {
    /// The network's user ID.
    pub id: &'static str,
    /// Given name.
    pub first: &'static str,
    /// Family name.
    pub last: &'static str,
    /// SMTP addresses, the primary one first.
    pub emails: &'static [&'static str],
    /// Job title.
    pub title: &'static str,
    /// Gender as the member gave it.
    pub gender: Gender,
}

/// Everyone on the network: the account, its four friends, and Farid, whom the account
/// does not follow yet.
pub const MEMBERS: [Member; 6] = [
    Member {
        id: "contoso-mia",
        first: "Mia",
        last: "Hoffmann",
        emails: &["mia@contoso.example"],
        title: "Product Manager",
        gender: Gender::Female,
    },
    Member {
        id: "contoso-ben",
        first: "Ben",
        last: "Okafor",
        emails: &["ben@contoso.example"],
        title: "Engineer",
        gender: Gender::Male,
    },
    Member {
        id: "contoso-chloe",
        first: "Chloé",
        last: "Dupont",
        emails: &["chloe@contoso.example", "chloe.dupont@fabrikam.example"],
        title: "Designer",
        gender: Gender::Female,
    },
    Member {
        id: "contoso-david",
        first: "David",
        last: "Lindqvist",
        emails: &["david@contoso.example"],
        title: "Writer",
        gender: Gender::Male,
    },
    Member {
        id: "contoso-ena",
        first: "Ena",
        last: "Sato",
        emails: &["ena@contoso.example"],
        title: "Researcher",
        gender: Gender::Unspecified,
    },
    Member {
        id: "contoso-farid",
        first: "Farid",
        last: "Haddad",
        emails: &["farid@contoso.example"],
        title: "Photographer",
        gender: Gender::Male,
    },
];

/// The member with this user ID or SMTP address (addresses compared without case).
pub fn member(id_or_email: &str) -> Option<&'static Member> {
    let wanted = id_or_email.trim();
    MEMBERS
        .iter()
        .find(|m| m.id == wanted || m.emails.iter().any(|e| e.eq_ignore_ascii_case(wanted)))
}

/// The member one of whose addresses hashes to one of `hashes`.
pub fn member_by_hash(hashes: &[String]) -> Option<&'static Member> {
    MEMBERS.iter().find(|m| m.hashed_in(hashes))
}

impl Member {
    /// Whether one of the member's addresses, hashed as the OSC hashes, is in `hashes`.
    pub fn hashed_in(&self, hashes: &[String]) -> bool {
        self.emails
            .iter()
            .any(|e| hashes.contains(&hash_email(e, HASH)))
    }

    /// The display name.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }

    /// The member as a `person`, seen by the account with `status`.
    pub fn person(&self, status: Option<FriendStatus>) -> Person {
        let mut person = Person::builder(self.id)
            .first_name(self.first)
            .last_name(self.last)
            .full_name(self.full_name())
            .company("Contoso")
            .title(self.title)
            .web_profile_page(format!("{SITE_URL}people/{}", self.id))
            .gender(self.gender);
        if let Some(status) = status {
            person = person.friend_status(status);
        }
        if let Some(email) = self.emails.first() {
            person = person.email_address(*email);
        }
        if let Some(email) = self.emails.get(1) {
            person = person.email_address2(*email);
        }
        person
            .build()
            .expect("the members' names are short and their addresses plausible")
    }
}

/// What the provider tells the OSC it supports: cached friends with on-demand lookups of
/// non-friends (hybrid), on-demand activities, following, auto-configuration, and the
/// logon flags the caller chooses.
pub fn capabilities(web_logon: bool, cached_logon: bool) -> Capabilities {
    Capabilities {
        get_friends: true,
        cache_friends: true,
        follow_person: true,
        do_not_follow_person: true,
        get_activities: true,
        cache_activities: false,
        display_url: true,
        use_logon_web_auth: web_logon,
        hide_hyperlinks: Some(false),
        supports_auto_configure: Some(true),
        contact_sync_restart_interval: Some(60),
        dynamic_activities_lookup_ex: Some(true),
        dynamic_contacts_lookup: Some(true),
        use_logon_cached: Some(cached_logon),
        hide_remember_my_password: Some(false),
        create_account_url: Some(AnyUri::new(format!("{SITE_URL}join"))),
        forgot_password_url: Some(AnyUri::new(format!("{SITE_URL}reset"))),
        hash_function: Some(HASH),
        ..Capabilities::default()
    }
}

/// What a member posted.
#[derive(Debug)]
pub struct Post {
    /// Who posted it.
    pub owner: &'static str,
    /// The network's ID of the post.
    pub id: &'static str,
    /// When, in UTC.
    pub published: &'static str,
    /// What kind of post, and its content.
    pub content: Content,
}

/// The content of a post; each kind has its template.
#[derive(Debug)]
pub enum Content {
    /// A status line.
    Status(&'static str),
    /// A photo, by its address.
    Photo(&'static str),
    /// A document, by its title and address.
    Document(&'static str, &'static str),
}

/// Every post on the network.
pub const POSTS: [Post; 4] = [
    Post {
        owner: "contoso-ben",
        id: "post-ben-1",
        published: "2024-05-02T09:30:00Z",
        content: Content::Status("is trying the new build of the People Pane."),
    },
    Post {
        owner: "contoso-chloe",
        id: "post-chloe-1",
        published: "2024-05-03T14:05:00Z",
        content: Content::Photo("https://social.contoso.example/photos/chloe/harbour.png"),
    },
    Post {
        owner: "contoso-david",
        id: "post-david-1",
        published: "2024-05-04T11:00:00Z",
        content: Content::Document(
            "Notes on calling sequences",
            "https://social.contoso.example/docs/david/calling-sequences",
        ),
    },
    Post {
        owner: "contoso-farid",
        id: "post-farid-1",
        published: "2024-05-05T18:45:00Z",
        content: Content::Status("is back from the coast with a full memory card."),
    },
];

/// The application ID of every Contoso template.
const APPLICATION: u64 = 1;

impl Content {
    fn template_id(&self) -> u64 {
        match self {
            Content::Status(_) => 1,
            Content::Photo(_) => 2,
            Content::Document(..) => 3,
        }
    }

    fn template(&self) -> ActivityTemplateContainer {
        let (kind, title, data) = match self {
            Content::Status(_) => (
                ActivityType::StatusUpdate,
                "{publisher:Publisher} {text:Status}",
                None,
            ),
            Content::Photo(_) => (
                ActivityType::Photo,
                "{publisher:Publisher} shared a photo",
                Some("{list:Photos({picture:Photo})}"),
            ),
            Content::Document(..) => (
                ActivityType::Document,
                "{publisher:Publisher} published {link:Document}",
                None,
            ),
        };
        ActivityTemplateContainer {
            application_id: APPLICATION,
            template_id: self.template_id(),
            activity_template: ActivityTemplate {
                activity_type: Some(kind),
                title: title.to_owned(),
                data: data.map(str::to_owned),
                icon: AnyUri::new(format!("{SITE_URL}icon.png")),
            },
        }
    }

    fn variables(&self) -> Vec<TemplateVariable> {
        match self {
            Content::Status(text) => vec![TemplateVariable {
                value: Some((*text).to_owned()),
                ..TemplateVariable::new(TemplateVariableType::Text, "Status")
            }],
            Content::Photo(url) => vec![TemplateVariable {
                list_items: Some(vec![SimpleTemplateVariable {
                    value: Some(AnyUri::new(url)),
                    alt_text: Some("A photo".to_owned()),
                    href: Some(AnyUri::new(url)),
                    ..SimpleTemplateVariable::new(SimpleVariableType::Picture, "Photo")
                }]),
                ..TemplateVariable::new(TemplateVariableType::List, "Photos")
            }],
            Content::Document(title, url) => vec![TemplateVariable {
                text: Some((*title).to_owned()),
                value: Some((*url).to_owned()),
                ..TemplateVariable::new(TemplateVariableType::Link, "Document")
            }],
        }
    }
}

impl Post {
    /// When it was published, as an `xs:dateTime`.
    pub fn published(&self) -> Option<XsDateTime> {
        XsDateTime::parse(self.published).ok()
    }

    fn activity(&self) -> Option<ActivityDetails> {
        let owner = member(self.owner)?;
        let mut publisher = TemplateVariable::new(TemplateVariableType::Publisher, "Publisher");
        publisher.id = Some(owner.id.to_owned());
        publisher.name_hint = Some(owner.full_name());
        publisher.email_address = owner.emails.first().map(|e| (*e).to_owned());
        publisher.profile_url = Some(format!("{SITE_URL}people/{}", owner.id));
        let mut activity = ActivityDetails::new(
            owner.id,
            self.id,
            APPLICATION,
            self.content.template_id(),
            self.published()?,
        );
        activity.activity_type = Some(self.content.template().activity_template.activity_type?);
        activity.template_variables = [publisher]
            .into_iter()
            .chain(self.content.variables())
            .collect();
        Some(activity)
    }
}

/// The feed of `posts`, with the templates they use and no other.
pub fn feed<'a>(posts: impl IntoIterator<Item = &'a Post>) -> ActivityFeed {
    let mut feed = ActivityFeed {
        network: NETWORK_NAME.to_owned(),
        ..ActivityFeed::default()
    };
    for post in posts {
        let Some(activity) = post.activity() else {
            continue;
        };
        let template = post.content.template();
        if !feed
            .templates
            .iter()
            .any(|t| t.template_id == template.template_id)
        {
            feed.templates.push(template);
        }
        feed.activities.push(activity);
    }
    feed
}
