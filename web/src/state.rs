//! The app state and its reducer: the one place that calls the engine.

use engine::{Report, Request};
use std::rc::Rc;
use yew::Reducible;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppState {
    pub text: String,
    pub report: Option<Report>,
}

pub enum Action {
    SetText(String),
}

impl Reducible for AppState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SetText(text) => {
                let req = Request { texts: vec![text.clone()], ..Request::default() };
                let report = engine::diagnose(&req);
                Rc::new(AppState { text, report: Some(report) })
            }
        }
    }
}
