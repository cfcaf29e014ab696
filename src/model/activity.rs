//! `activityFeed`: activities, the variables they carry, and the templates that render them.

use serde::{Deserialize, Serialize};

use super::enumeration::enumeration;

use crate::xs::{AnyUri, XsDateTime};

/// The kind of an activity or template (`type`); the OSC treats status, photo and document
/// updates specially.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActivityType {
    /// `Status Update` (with a space).
    #[serde(rename = "Status Update")]
    StatusUpdate,
    /// `Photo`.
    Photo,
    /// `Document`.
    Document,
    /// `Other`.
    Other,
}

impl ActivityType {
    /// The schema's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            ActivityType::StatusUpdate => "Status Update",
            ActivityType::Photo => "Photo",
            ActivityType::Document => "Document",
            ActivityType::Other => "Other",
        }
    }
}

enumeration!(ActivityType: StatusUpdate, Photo, Document, Other);

/// The `type` attribute of a `templateVariable`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TemplateVariableType {
    /// `publisherVariable`: who published the activity.
    #[serde(rename = "publisherVariable")]
    Publisher,
    /// `entityVariable`: another person or thing the activity mentions.
    #[serde(rename = "entityVariable")]
    Entity,
    /// `linkVariable`: a hyperlink.
    #[serde(rename = "linkVariable")]
    Link,
    /// `textVariable`: plain text.
    #[serde(rename = "textVariable")]
    Text,
    /// `pictureVariable`: a picture.
    #[serde(rename = "pictureVariable")]
    Picture,
    /// `listVariable`: a list of simple variables.
    #[serde(rename = "listVariable")]
    List,
}

impl TemplateVariableType {
    /// The schema's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            TemplateVariableType::Publisher => "publisherVariable",
            TemplateVariableType::Entity => "entityVariable",
            TemplateVariableType::Link => "linkVariable",
            TemplateVariableType::Text => "textVariable",
            TemplateVariableType::Picture => "pictureVariable",
            TemplateVariableType::List => "listVariable",
        }
    }
}

enumeration!(TemplateVariableType: Publisher, Entity, Link, Text, Picture, List);

/// The `type` attribute of a `simpleTemplateVariable` (a list item).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SimpleVariableType {
    /// `linkVariable`.
    #[serde(rename = "linkVariable")]
    Link,
    /// `textVariable`.
    #[serde(rename = "textVariable")]
    Text,
    /// `pictureVariable`.
    #[serde(rename = "pictureVariable")]
    Picture,
}

impl SimpleVariableType {
    /// The schema's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            SimpleVariableType::Link => "linkVariable",
            SimpleVariableType::Text => "textVariable",
            SimpleVariableType::Picture => "pictureVariable",
        }
    }
}

enumeration!(SimpleVariableType: Link, Text, Picture);

/// A `simpleTemplateVariable`: one item of a list variable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct SimpleTemplateVariable {
    /// The `type` attribute.
    #[serde(rename = "type")]
    pub variable_type: SimpleVariableType,
    /// `name`.
    pub name: String,
    /// `text`: a link's display text.
    pub text: Option<String>,
    /// `value`: the picture or link address.
    pub value: Option<AnyUri>,
    /// `altText`: a picture's alternative text.
    pub alt_text: Option<String>,
    /// `href`: where a click on the picture leads.
    pub href: Option<AnyUri>,
}

impl SimpleTemplateVariable {
    /// An item with its type and name and nothing else.
    pub fn new(variable_type: SimpleVariableType, name: impl Into<String>) -> Self {
        SimpleTemplateVariable {
            variable_type,
            name: name.into(),
            text: None,
            value: None,
            alt_text: None,
            href: None,
        }
    }
}

/// A `templateVariable`: a named value an activity fills its template's tokens with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct TemplateVariable {
    /// The `type` attribute.
    #[serde(rename = "type")]
    pub variable_type: TemplateVariableType,
    /// `name`: what tokens refer to.
    pub name: String,
    /// `id`: the network's identifier of a publisher or entity.
    pub id: Option<String>,
    /// `nameHint`: the name to display for a publisher or entity.
    pub name_hint: Option<String>,
    /// `emailAddress`: a publisher's or entity's address; a plain string, as the schema types it
    /// (see [the model](crate::model#e-mail-addresses-and-urls-are-plain-strings)).
    pub email_address: Option<String>,
    /// `profileUrl`: a publisher's or entity's profile page; a plain string, as the schema
    /// types it.
    pub profile_url: Option<String>,
    /// `text`: a link's display text.
    pub text: Option<String>,
    /// `value`: a link or picture address, or a text variable's text
    /// (`xs:anyURI` in 1.0, `xs:string` from 1.1 on).
    pub value: Option<String>,
    /// `altText`: a picture's alternative text.
    pub alt_text: Option<String>,
    /// `href`: where a click on a picture leads.
    pub href: Option<AnyUri>,
    /// `listItems`: the items of a list variable; `Some(vec![])` is an empty `listItems`.
    pub list_items: Option<Vec<SimpleTemplateVariable>>,
}

impl TemplateVariable {
    /// A variable with its type and name and nothing else.
    pub fn new(variable_type: TemplateVariableType, name: impl Into<String>) -> Self {
        TemplateVariable {
            variable_type,
            name: name.into(),
            id: None,
            name_hint: None,
            email_address: None,
            profile_url: None,
            text: None,
            value: None,
            alt_text: None,
            href: None,
            list_items: None,
        }
    }
}

/// An `activityDetails`: one activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct ActivityDetails {
    /// `ownerID`: the user the activity belongs to.
    #[serde(rename = "ownerID")]
    pub owner_id: String,
    /// `objectID`: unique per activity; the OSC drops duplicates by it.
    #[serde(rename = "objectID")]
    pub object_id: String,
    /// `applicationID`: with `templateID`, selects the template.
    #[serde(rename = "applicationID")]
    pub application_id: u64,
    /// `templateID`.
    #[serde(rename = "templateID")]
    pub template_id: u64,
    /// `publishDate`.
    pub publish_date: XsDateTime,
    /// `type`.
    #[serde(rename = "type")]
    pub activity_type: Option<ActivityType>,
    /// The `templateVariable` elements inside `templateVariables`.
    pub template_variables: Vec<TemplateVariable>,
}

impl ActivityDetails {
    /// An activity with its required fields and no variables.
    pub fn new(
        owner_id: impl Into<String>,
        object_id: impl Into<String>,
        application_id: u64,
        template_id: u64,
        publish_date: XsDateTime,
    ) -> Self {
        ActivityDetails {
            owner_id: owner_id.into(),
            object_id: object_id.into(),
            application_id,
            template_id,
            publish_date,
            activity_type: None,
            template_variables: Vec::new(),
        }
    }
}

/// An `activityTemplate`: how activities of one kind are displayed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct ActivityTemplate {
    /// `type`.
    #[serde(rename = "type")]
    pub activity_type: Option<ActivityType>,
    /// `title`: the main line, with tokens such as `{publisher:Name}`.
    pub title: String,
    /// `data`: a second line, also with tokens.
    pub data: Option<String>,
    /// `icon`: the icon shown beside the activity.
    pub icon: AnyUri,
}

impl ActivityTemplate {
    /// A template with its `title` and `icon`, no `type` and no `data`.
    pub fn new(title: impl Into<String>, icon: impl Into<AnyUri>) -> Self {
        ActivityTemplate {
            activity_type: None,
            title: title.into(),
            data: None,
            icon: icon.into(),
        }
    }
}

/// An `activityTemplateContainer`: a template and the key activities select it by.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct ActivityTemplateContainer {
    /// `applicationID`.
    #[serde(rename = "applicationID")]
    pub application_id: u64,
    /// `templateID`.
    #[serde(rename = "templateID")]
    pub template_id: u64,
    /// `activityTemplate`.
    pub activity_template: ActivityTemplate,
}

impl ActivityTemplateContainer {
    /// The template that activities with this `applicationID` and `templateID` select.
    pub fn new(application_id: u64, template_id: u64, activity_template: ActivityTemplate) -> Self {
        ActivityTemplateContainer {
            application_id,
            template_id,
            activity_template,
        }
    }
}

/// The `activityFeed` document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct ActivityFeed {
    /// `network`: the network's name.
    pub network: String,
    /// The `activityDetails` elements inside `activities`.
    pub activities: Vec<ActivityDetails>,
    /// The `activityTemplateContainer` elements inside `templates`.
    pub templates: Vec<ActivityTemplateContainer>,
}

impl ActivityFeed {
    /// The feed of `network` with these activities and the templates that display them.
    pub fn new(
        network: impl Into<String>,
        activities: impl IntoIterator<Item = ActivityDetails>,
        templates: impl IntoIterator<Item = ActivityTemplateContainer>,
    ) -> Self {
        ActivityFeed {
            network: network.into(),
            activities: activities.into_iter().collect(),
            templates: templates.into_iter().collect(),
        }
    }
}
